import { db } from '../services/db';

// Clean: a booking form's client-side idempotency key (idempotency_keys is a default marker
// table), in code no webhook reaches: no signature check, no webhook path or route.
export async function createBooking(form: { key: string; tripId: string; email: string }) {
  await db.from('bookings').insert({ trip_id: form.tripId, email: form.email });
  await db.from('idempotency_keys').insert({ idempotency_key: form.key }).throwOnError();
  await fetch('https://mail.example.com/send', { method: 'POST', body: form.email });
}
