// Syntax errors in the middle of a file, each followed by code that must still be checked.
import { createClient } from '@supabase/supabase-js';

const supabase = createClient(process.env.SUPABASE_URL!, process.env.SUPABASE_KEY!);

// A class whose body was never written.
class Pending extends Base

export async function first(id: string) {
  await supabase.from('calls').delete().eq('id', id); // expect: tenant-filter
}

// A function whose name and parameters were never written.
function (

export async function second(id: string, orgId: string) {
  await supabase.from('calls').delete().eq('id', id).eq('org_id', orgId);
}

// `static accessor` is TypeScript the grammar does not read (a known gap).
export class Counter {
  static accessor total = 0;

  async reset(id: string) {
    await supabase.from('calls').update({ count: 0 }).eq('id', id); // expect: tenant-filter
  }
}

// An expression cut short.
const Extended = class extends

export async function third(id: string) {
  await supabase.from('calls').update({ third: true }).eq('id', id); // expect: tenant-filter
}

// A call missing its closing parenthesis.
export async function fourth(id: string, orgId: string) {
  await supabase.from('calls').update({ fourth: true }).eq('org_id', orgId).eq('id', id;
}

export async function fifth(id: string) {
  await supabase.from('calls').update({ fifth: true }).eq('id', id); // expect: tenant-filter
}
