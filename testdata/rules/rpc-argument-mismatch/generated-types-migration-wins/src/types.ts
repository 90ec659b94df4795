export type Database = {
  public: {
    Tables: {
      [_ in never]: never
    }
    Functions: {
      close_ticket: {
        Args: { p_reason?: string; p_ticket_id: string }
        Returns: undefined
      }
      reopen_ticket: {
        Args: { p_ticket_id: string }
        Returns: undefined
      }
    }
  }
}
