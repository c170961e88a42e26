// A fresh idempotency key per intake form: a double click or a retry of the same form never
// makes two cases. crypto.randomUUID needs a secure context (https or localhost); elsewhere the
// key is built from crypto.getRandomValues, available everywhere.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function' && window.isSecureContext)
    return `console-${crypto.randomUUID()}`;
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `console-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
