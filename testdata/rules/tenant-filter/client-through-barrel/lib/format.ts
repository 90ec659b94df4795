export function formatPhone(phone: string) {
  return phone.replace(/\s+/g, '');
}
