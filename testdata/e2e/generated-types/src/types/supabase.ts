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
      memberships: {
        Row: {
          user_id: string
          workspace_id: string
        }
        Insert: {
          user_id: string
          workspace_id: string
        }
        Update: {
          user_id?: string
          workspace_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "memberships_workspace_id_fkey"
            columns: ["workspace_id"]
            isOneToOne: false
            referencedRelation: "workspaces"
            referencedColumns: ["id"]
          },
        ]
      }
      projects: {
        Row: {
          id: string
          title: string
          workspace_id: string
          legacy_org_id: string | null
        }
        Insert: {
          id?: string
          title: string
          workspace_id: string
          legacy_org_id?: string | null
        }
        Update: {
          id?: string
          title?: string
          workspace_id?: string
          legacy_org_id?: string | null
        }
        Relationships: []
      }
      tasks: {
        Row: {
          done: boolean
          id: string
          space: string
          title: string
        }
        Insert: {
          done?: boolean
          id?: string
          space: string
          title: string
        }
        Update: {
          done?: boolean
          id?: string
          space?: string
          title?: string
        }
        Relationships: [
          {
            foreignKeyName: "tasks_space_fkey"
            columns: ["space"]
            isOneToOne: false
            referencedRelation: "workspaces"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      [_ in never]: never
    }
    Functions: {
      complete_task:
        | { Args: { p_task: string }; Returns: undefined }
        | { Args: { p_note: string; p_task: string }; Returns: undefined }
    }
    Enums: {
      [_ in never]: never
    }
    CompositeTypes: {
      [_ in never]: never
    }
  }
}
