export type Database = {
  public: {
    Tables: {
      [_ in never]: never
    }
    Functions: {
      archive_order: { Args: { p_id: string }; Returns: undefined }
      restore_order: { Args: { p_id: string }; Returns: undefined }
    }
  }
}
