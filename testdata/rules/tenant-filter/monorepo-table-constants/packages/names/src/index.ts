export const PAYMENTS_TABLE = 'payments';
const RATES = 'exchange_rates';
export { RATES };
