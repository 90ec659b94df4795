// A helper module: the client comes from its callers, in other files.
export async function archiveTicket(client: any, id: string) {
  await client.from('tickets').update({ archived: true }).eq('id', id); // expect: tenant-filter "service-role key"
}

export async function tagTicket(client: any, id: string) {
  await client.from('tickets').update({ tagged: true }).eq('id', id);
}
