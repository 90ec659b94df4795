// A script replaying an event at the top level ('<module>'); a webhook handler by its name.
import { createClient } from '@supabase/supabase-js';

const supabase = createClient('url', 'key');
declare const eventId: string;
declare function sendEmail(to: string): Promise<void>;

await sendEmail('ops@example.com'); // expect: effect-before-idempotency "sendEmail() can run before the idempotency marker is written (insert into 'processed_webhook_events', line 9)" // flow: effect-before-idempotency 1
await supabase.from('processed_webhook_events').insert({ event_id: eventId }); // related: effect-before-idempotency // flow: effect-before-idempotency 2
