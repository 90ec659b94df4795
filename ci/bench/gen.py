#!/usr/bin/env python3
"""Generates a synthetic, realistic Supabase backend of about --lines lines of TypeScript
(seeded, deterministic) for ci/bench: Next.js route handlers, Express routers, webhook
handlers, service classes and helpers that call each other across files (relative and
alias imports), split query chains, plain non-database code, and SQL migrations with
tables and PL/pgSQL functions. Roughly 1 in 8 update/delete chains lacks its tenant filter,
so the analysers have findings to report."""
import argparse
import os
import random

TABLES = ["calls", "call_logs", "contacts", "campaigns", "messages", "invoices", "agents",
          "appointments", "notes", "tasks", "leads", "transcripts"]
GLOBAL_TABLES = ["feature_flags", "plans", "countries"]
WORDS = ["status", "title", "amount", "priority", "owner_id", "duration", "score", "label"]


def migration(rng, idx):
    out = [f"-- migration {idx}"]
    for t in TABLES:
        out.append(f"create table if not exists public.{t}_{idx} (\n  id uuid primary key default gen_random_uuid(),\n"
                   f"  org_id uuid not null references organizations(id),\n"
                   + "".join(f"  {w} text,\n" for w in rng.sample(WORDS, 4))
                   + "  created_at timestamptz default now()\n);")
        out.append(f"alter table public.{t}_{idx} enable row level security;")
    for k in range(6):
        t = rng.choice(TABLES)
        out.append(f"create or replace function public.complete_{t}_{idx}_{k}(p_org_id uuid, p_id uuid, p_status text default 'done')\n"
                   f"returns void language plpgsql security definer set search_path = public as $$\nbegin\n"
                   f"  update public.{t} set status = p_status where id = p_id and org_id = p_org_id;\n"
                   f"  insert into public.call_logs (org_id, status) values (p_org_id, p_status);\nend;\n$$;")
    return "\n\n".join(out) + "\n"


def chain(rng, table, client="supabase"):
    op = rng.choice(["update", "delete", "select", "select", "insert", "upsert"])
    tenant = rng.random() > 0.125
    if op == "update":
        c = f"await {client}.from('{table}').update({{ status: input.status }}).eq('id', input.id)"
        return c + (".eq('org_id', orgId)" if tenant else "") + ";"
    if op == "delete":
        c = f"await {client}.from('{table}').delete().eq('id', input.id)"
        return c + (".eq('org_id', orgId)" if tenant else "") + ";"
    if op == "select":
        return (f"const {{ data: rows_{rng.randint(0, 9999)} }} = await {client}.from('{table}')"
                f".select('id, status').eq('org_id', orgId).order('created_at').limit(50);")
    return f"await {client}.from('{table}').{op}({{ org_id: orgId, status: 'new' }});"


def split_chain(rng, table):
    lines = [f"  let query = supabase.from('{table}').update({{ status: 'archived' }});",
             "  query = query.eq('id', input.id);"]
    if rng.random() > 0.2:
        lines.append("  query = query.eq('org_id', orgId);")
    lines.append("  const { error } = await query;")
    lines.append("  if (error) throw error;")
    return lines


def plain_code(rng, n):
    body = []
    for i in range(n):
        v = f"v{i}"
        body.append(f"export function format{rng.randint(0, 10**6)}_{i}(value: number, unit = 'ms'): string {{")
        body.append(f"  const {v} = Array.from({{ length: value % 7 }}, (_, k) => k * 2);")
        body.append(f"  const total = {v}.reduce((a, b) => a + b, 0);")
        body.append("  if (total > 100) {")
        body.append("    return `${(total / 1000).toFixed(2)} s`;")
        body.append("  }")
        body.append("  return `${total} ${unit}`;")
        body.append("}")
        body.append("")
    return body


def helper_file(rng, idx):
    out = ["import type { SupabaseClient } from '@supabase/supabase-js';",
           "import { supabase } from '../db/client';", ""]
    for k in range(8):
        t = rng.choice(TABLES)
        out.append(f"export async function save{t.title().replace('_', '')}{idx}_{k}(orgId: string, input: any) {{")
        out.append("  " + chain(rng, t))
        out.append("  return input.id;")
        out.append("}")
        out.append("")
    out.append(f"export class Service{idx} {{")
    out.append("  constructor(private readonly db: SupabaseClient) {}")
    for k in range(4):
        t = rng.choice(TABLES)
        out.append(f"  async archive{k}(orgId: string, input: any) {{")
        out.append("    " + chain(rng, t, "this.db"))
        out.append("  }")
    out.append("}")
    out += plain_code(rng, 6)
    return "\n".join(out) + "\n"


def route_file(rng, idx, helpers):
    h = rng.randrange(helpers)
    out = ["import { NextResponse } from 'next/server';",
           "import { createServerClient } from '@supabase/ssr';",
           f"import {{ save{rng.choice(TABLES).title().replace('_', '')}{h}_0 as first, Service{h} }} from '@/lib/helpers{h}';",
           "", "export async function POST(req: Request) {",
           "  const supabase = createServerClient(process.env.URL!, process.env.KEY!, { cookies: {} as any });",
           "  const input = await req.json();", "  const orgId = input.orgId as string;"]
    for _ in range(3):
        out.append("  " + chain(rng, rng.choice(TABLES)))
    out += split_chain(rng, rng.choice(TABLES))
    out.append(f"  await new Service{h}(supabase).archive0(orgId, input);")
    out.append("  await Promise.all([1, 2].map(async (n) => {")
    out.append(f"    await supabase.from('{rng.choice(TABLES)}').insert({{ org_id: orgId, n }});")
    out.append("  }));")
    out.append(f"  const {{ error }} = await supabase.rpc('complete_calls_0_0', {{ p_org_id: orgId, p_id: input.id }});")
    out.append("  if (error) return NextResponse.json({ error: error.message }, { status: 500 });")
    out.append("  return NextResponse.json({ ok: true });")
    out.append("}")
    out.append("")
    out.append("export async function GET(req: Request) {")
    out.append("  const supabase = createServerClient(process.env.URL!, process.env.KEY!, { cookies: {} as any });")
    out.append("  const orgId = new URL(req.url).searchParams.get('org')!;")
    out.append(f"  const {{ data }} = await supabase.from('{rng.choice(TABLES)}').select('*').eq('org_id', orgId);")
    out.append("  const ids = Array.from(new Set((data ?? []).map((r: any) => r.id)));")
    out.append("  return NextResponse.json({ ids, buf: Buffer.from(JSON.stringify(ids)).length });")
    out.append("}")
    out += plain_code(rng, 10)
    return "\n".join(out) + "\n"


def webhook_file(rng, idx):
    out = ["import express from 'express';", "import { supabase } from '../db/client';", "",
           "export const router = express.Router();", "",
           f"router.post('/webhooks/vapi/{idx}', async (req, res) => {{",
           "  const event = req.body;",
           "  const { error: dup } = await supabase.from('processed_webhook_events').insert({ event_id: event.id });",
           "  if (dup) return res.status(200).end();",
           "  const orgId = event.orgId;"]
    for _ in range(3):
        out.append("  " + chain(rng, rng.choice(TABLES)))
    out.append("  await fetch('https://hooks.example.invalid/notify', { method: 'POST', body: JSON.stringify(event) });")
    out.append("  res.json({ ok: true });")
    out.append("});")
    out += plain_code(rng, 8)
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--lines", type=int, default=300_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(os.path.join(args.out, "src/db"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "supabase/migrations"), exist_ok=True)
    with open(os.path.join(args.out, "tsconfig.json"), "w") as f:
        f.write('{ "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } } }\n')
    with open(os.path.join(args.out, "src/db/client.ts"), "w") as f:
        f.write("import { createClient } from '@supabase/supabase-js';\n"
                "export const supabase = createClient(process.env.URL!, process.env.KEY!);\n")
    total = 0
    helpers = max(4, args.lines // 2000)
    i = 0
    while total < args.lines:
        kind = i % 4
        if kind == 0 and i // 4 < helpers:
            path, text = f"src/lib/helpers{i // 4}.ts", helper_file(rng, i // 4)
        elif kind == 1:
            path, text = f"src/app/api/r{i}/route.ts", route_file(rng, i, helpers)
        elif kind == 2:
            path, text = f"src/webhooks/hook{i}.ts", webhook_file(rng, i)
        else:
            path, text = f"src/util/fmt{i}.ts", "\n".join(plain_code(rng, 20)) + "\n"
        full = os.path.join(args.out, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
        total += text.count("\n")
        if i % 100 == 0:
            m = migration(rng, i // 100)
            with open(os.path.join(args.out, f"supabase/migrations/{20240101000000 + i}_m.sql"), "w") as f:
                f.write(m)
            total += m.count("\n")
        i += 1
    print(f"gen.py: {i} TypeScript files, {total} lines in {args.out}")


if __name__ == "__main__":
    main()
