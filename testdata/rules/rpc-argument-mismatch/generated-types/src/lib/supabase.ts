// Generated types with functions, and no migrations: the arguments come from Functions.
export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      [_ in never]: never
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      record_event: {
        Args: { p_event_id: string; p_org_id?: string }
        Returns: boolean
      }
      find_member:
        | { Args: { p_id: string }; Returns: Json }
        | { Args: { p_email: string; p_org: string }; Returns: Json }
      ping: { Args: never; Returns: string }
      server_time: { Args: Record<PropertyKey, never>; Returns: string }
      ingest: { Args: { "": Json }; Returns: undefined }
      opaque: { Args: OpaqueArgs; Returns: undefined }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

type OpaqueArgs = { [key: string]: string }
