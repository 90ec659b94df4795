// Generated types for two schemas, no migrations: the functions they list are the known ones,
// in the schemas they list functions for.
export type Database = {
  graphql_public: {
    Tables: {
      [_ in never]: never
    }
    Functions: {
      graphql: {
        Args: {
          extensions?: Json
          operationName?: string
          query?: string
          variables?: Json
        }
        Returns: Json
      }
    }
  }
  public: {
    Tables: {
      shipments: {
        Row: { id: string; org_id: string }
        Insert: { id?: string; org_id: string }
        Update: { id?: string; org_id?: string }
        Relationships: []
      }
    }
    Functions: {
      mark_shipped: { Args: { p_id: string }; Returns: undefined }
      shipment_count: { Args: never; Returns: number }
    }
  }
  ledger: {
    Tables: {
      entries: {
        Row: { id: number }
        Insert: { id?: number }
        Update: { id?: number }
        Relationships: []
      }
    }
    Functions: {
      [_ in never]: never
    }
  }
}

export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]
