// Secrets must never reach a log, an error message or --verbose output. Keys are matched by name
// because the SDK and the server put secrets under a handful of well-known field names. Free text
// (an AWS or server message, a stack) is cleaned of token shapes, of `"key":"value"` pairs under such
// names, and of every secret value this run holds (keepSecret): an endpoint that echoes the request
// (an emulator, a debugging proxy, a corporate gateway) would otherwise show the password.

const SECRET_KEY = /pass(word)?|secret|token|session|accesskey|srp_[ab]|claim_signature|authorization|credentials|(user|confirmation)code|^answer$/i;
/** Cognito's one-time codes (SMS_MFA_CODE, EMAIL_OTP_CODE): capitals, unlike a body's statusCode or errorCode. */
const ONE_TIME_CODE = /^[A-Z_]*CODE$/;

export const REDACTED = '***';

const isSecretKey = (key: string): boolean => SECRET_KEY.test(key) || ONE_TIME_CODE.test(key);

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key) && inner !== undefined && typeof inner !== 'boolean' ? REDACTED : redact(inner, depth + 1);
  }
  return out;
}

/** The secret values this run holds, longest first when applied (a token holding another is hidden whole). */
const held = new Set<string>();

/** A secret this run read or was given (a password, a code, an SRP value, a session, a token, a key): never shown. */
export function keepSecret(value: unknown): void {
  // Shorter than any Cognito password or code: hiding it would garble messages, not protect anything.
  if (typeof value !== 'string' || value.length < 6) return;
  held.add(value);
  held.add(JSON.stringify(value).slice(1, -1)); // as an echoed JSON body writes it
}

/**
 * keepSecret for every string under a secret key of a request or an answer. Plain words under such
 * keys (TokenType "Bearer", TokenValidityUnits "hours", RefreshTokenRotation "ENABLED") are settings.
 */
export function keepSecretsOf(value: unknown, secret = false, depth = 0): void {
  if (typeof value === 'string') {
    if (secret && !/^[a-z_]+$/i.test(value)) keepSecret(value);
  } else if (value && typeof value === 'object' && depth < 9) {
    for (const [key, inner] of Object.entries(value)) keepSecretsOf(inner, secret || isSecretKey(key), depth + 1);
  }
}

/** Free text without the secrets it may quote: JWTs and JWEs (a refresh token: five parts), secret-keyed JSON values, held values. */
export function redactText(text: string): string {
  let out = text
    .replace(/eyJ[\w-]+\.[\w-]*(\.[\w-]+){1,3}/g, REDACTED)
    .replace(/"([\w-]+)"(\s*:\s*)"(\\.|[^"\\])*"/g, (pair, key: string, colon: string) => (isSecretKey(key) ? `"${key}"${colon}"${REDACTED}"` : pair));
  for (const value of [...held].sort((a, b) => b.length - a.length)) out = out.split(value).join(REDACTED);
  return out;
}
