export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[];

export interface Database {
  public: {
    Tables: {
      calls: {
        Row: {
          id: string;
          org_id: string;
          status: string;
          tenant_id: string;
        };
        Insert: {
          id?: string;
          org_id: string;
          status: string;
          tenant_id: string;
        };
        Update: {
          id?: string;
          org_id?: string;
          status?: string;
          tenant_id?: string;
        };
        Relationships: [
          {
            foreignKeyName: "calls_org_id_fkey";
            columns: ["org_id"];
            isOneToOne: false;
            referencedRelation: "tenants";
            referencedColumns: ["id"];
          },
        ];
      };
      call_notes: {
        Row: {
          body: string | null;
          id: string;
          org_id: string;
        };
        Insert: {
          body?: string | null;
          id?: string;
          org_id: string;
        };
        Update: {
          body?: string | null;
          id?: string;
          org_id?: string;
        };
      };
    };
    Views: {
      [_ in never]: never;
    };
    Functions: {
      [_ in never]: never;
    };
    Enums: {
      call_status: "open" | "closed";
    };
    CompositeTypes: {
      [_ in never]: never;
    };
  };
}
