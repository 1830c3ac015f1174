// The password policy setup gives every pool it makes (and raises a weaker one to): a module of its
// own, so that aws/errors.ts can name it in a hint without loading the user pool's SDK client
// (the token's fast path loads that file).

export const SAFE_PASSWORD_POLICY = { minimumLength: 14, lowercase: true, uppercase: true, numbers: true, symbols: true } as const;

/** The policy in words: "at least 14 characters, with upper- and lower-case letters, digits and symbols". */
export function describePasswordPolicy(policy: { minimumLength: number; lowercase: boolean; uppercase: boolean; numbers: boolean; symbols: boolean } = SAFE_PASSWORD_POLICY): string {
  const cases = policy.uppercase && policy.lowercase ? 'upper- and lower-case letters' : policy.uppercase ? 'upper-case letters' : policy.lowercase ? 'lower-case letters' : undefined;
  const kinds = [cases, policy.numbers && 'digits', policy.symbols && 'symbols'].filter((kind): kind is string => Boolean(kind));
  const listed = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}` : kinds[0];
  return `at least ${policy.minimumLength} characters${listed ? `, with ${listed}` : ''}`;
}
