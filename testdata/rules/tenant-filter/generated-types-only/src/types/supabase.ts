// Generated types only: no migration defines any table, so the schema comes from here. The
// root's own key is called org_id; the types do not say it is the key, the references to it do.
export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  __InternalSupabase: {
    PostgrestVersion: "12.2.3 (519615d)"
  }
  public: {
    Tables: {
      organizations: {
        Row: {
          name: string
          org_id: number
        }
        Insert: {
          name: string
          org_id?: number
        }
        Update: {
          name?: string
          org_id?: number
        }
        Relationships: []
      }
      dispatches: {
        Row: {
          id: string
          org_id: number | null
          status: string
        }
        Insert: {
          id?: string
          org_id?: number | null
          status?: string
        }
        Update: {
          id?: string
          org_id?: number | null
          status?: string
        }
        Relationships: [
          {
            foreignKeyName: "dispatches_org_id_fkey"
            columns: ["org_id"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["org_id"]
          },
        ]
      }
      route_plans: {
        Row: {
          id: string
          owning_org: number
          label: string | null
        }
        Insert: {
          id?: string
          owning_org: number
          label?: string | null
        }
        Update: {
          id?: string
          owning_org?: number
          label?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "route_plans_owning_org_fkey"
            columns: ["owning_org"]
            isOneToOne: false
            referencedRelation: "organizations"
            referencedColumns: ["org_id"]
          },
        ]
      }
      app_settings: {
        Row: {
          key: string
          value: Json
        }
        Insert: {
          key: string
          value: Json
        }
        Update: {
          key?: string
          value?: Json
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
  fleet: {
    Tables: {
      vehicles: {
        Row: {
          id: string
          org_id: string
          plate: string
        }
        Insert: {
          id?: string
          org_id: string
          plate: string
        }
        Update: {
          id?: string
          org_id?: string
          plate?: string
        }
        Relationships: []
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      [_ in never]: never
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}

export type Tables<T extends keyof Database["public"]["Tables"]> =
  Database["public"]["Tables"][T]["Row"]
