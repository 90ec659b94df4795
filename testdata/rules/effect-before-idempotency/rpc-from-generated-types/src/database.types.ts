// sync_ledger was made in the dashboard: the types give its arguments, not its body.
export type Database = {
  public: {
    Tables: {
      [_ in never]: never
    }
    Functions: {
      sync_ledger: { Args: { p_id: string }; Returns: undefined }
    }
  }
}
