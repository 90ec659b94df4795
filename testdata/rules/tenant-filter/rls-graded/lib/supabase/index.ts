// A barrel renaming the admin client.
export { adminClient as db } from './admin';
export { createClient as createRequestClient } from './server';
