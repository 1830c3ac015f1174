// Secrets must never reach a log, an error message or --verbose output. Keys are matched by name
// because the SDK and the server put secrets under a handful of well-known field names.

const SECRET_KEY = /pass(word)?|secret|token|session|accesskey|secretkey|srp_a|srp_b|claim_signature|authorization|credentials|usercode/i;

export const REDACTED = '***';

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) && inner !== undefined && typeof inner !== 'boolean' ? REDACTED : redact(inner, depth + 1);
  }
  return out;
}

/** JWTs look alike everywhere; strip any that slipped into free text. */
export function redactText(text: string): string {
  return text.replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, REDACTED);
}
