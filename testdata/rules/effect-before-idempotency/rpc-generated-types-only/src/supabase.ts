// Functions only in the generated types, none in migrations (there are none): as without the
// types, an rpc is not taken for an effect.
export type Database = {
  public: {
    Tables: {
      processed_webhook_events: {
        Row: { event_id: string }
        Insert: { event_id: string }
        Update: { event_id?: string }
        Relationships: []
      }
    }
    Functions: {
      refresh_stats: { Args: { p_id: string }; Returns: undefined }
    }
  }
}
