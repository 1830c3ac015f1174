// The secrets a run may need, each from stdin, the environment or a prompt, never from argv: a
// sign-in's password, a new password (first sign-in with a temporary one) and a one-time MFA code;
// setup's and `users add`'s password. readStdinSecrets is the one reader of secrets on stdin.
//
// stdin is read at most once, and only when a secret is actually needed (a cached token needs none).
// With several stdin flags, stdin carries one secret a line in this order: the (current) password,
// the new password, the one-time code. With only one of them, all of stdin is that secret.
import type { Context } from '../cli/context.js';
import type { IO } from '../cli/io/streams.js';
import { readAllStdin } from '../cli/io/streams.js';
import { ChallengeError, UsageError } from '../errors.js';
import { keepSecret } from '../redact.js';

/** What finding a secret needs of a run: the full CLI's context, or the lean path's (src/fast/signIn.ts). */
export type SecretsContext = Pick<Context, 'env' | 'io' | 'interactive' | 'prompter' | 'log'>;

export interface SecretOptions {
  passwordStdin?: boolean;
  newPasswordStdin?: boolean;
  mfaCodeStdin?: boolean;
}

/** The stdin flags, in the order of their lines on stdin. */
const STDIN_SECRETS = [
  ['password', '--password-stdin'],
  ['newPassword', '--new-password-stdin'],
  ['mfaCode', '--mfa-code-stdin'],
] as const;
type SecretName = (typeof STDIN_SECRETS)[number][0];

/**
 * Reads the named secrets from stdin: one per line when several, all of stdin when one (a trailing
 * newline is not part of it). `flags` names each secret's flag in errors; stdin must be a pipe.
 */
export async function readStdinSecrets<K extends string>(io: IO, wanted: readonly (readonly [K, string])[]): Promise<Record<K, string>> {
  const flags = wanted.map(([, flag]) => flag);
  if (io.stdinIsTTY) {
    throw new UsageError(`${flags[0]} reads from stdin, but stdin is a terminal`, {
      hint: `pipe it in: printf '%s\\n' "$PASSWORD" | mmbatch-auth ... ${flags[0]}`,
    });
  }
  const text = await readAllStdin(io.stdin);
  // Held at once, whole and line by line: an echoed request must not show it (redact.ts).
  keepSecret(text.replace(/\r?\n$/, ''));
  for (const line of text.split(/\r?\n/)) keepSecret(line);
  if (wanted.length === 1) {
    if (!text) throw new UsageError(`${flags[0]} was given but stdin is empty`);
    return { [wanted[0][0]]: text } as Record<K, string>;
  }
  const lines = text.split(/\r?\n/);
  if (lines.length < wanted.length || wanted.some((_, index) => !lines[index])) {
    throw new UsageError(`${flags.join(' with ')} expects ${wanted.length} lines on stdin`, {
      hint: `one secret a line, in this order: ${flags.map((flag) => flag.replace(/^--|-stdin$/g, '')).join(', ')}`,
    });
  }
  return Object.fromEntries(wanted.map(([name], index) => [name, lines[index]])) as Record<K, string>;
}

/** One secret from stdin (setup's --admin-password-stdin, `users add --password-stdin`). */
export async function readSecretFromStdin(io: IO, flag: string): Promise<string> {
  return (await readStdinSecrets(io, [['secret', flag]] as const)).secret;
}

export interface CredentialSources {
  /** Whether a password can be had without failing: a stdin flag, MMBATCH_AUTH_PASSWORD, or a prompt. */
  hasPassword(): boolean;
  password(username: string): Promise<string>;
  newPassword(username: string): Promise<string>;
  mfaCode(kind: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP'): Promise<string>;
  /**
   * Sets up an authenticator app: `associate` gets a new TOTP secret, shown as a QR code (and its
   * otpauth:// URI); answers the app's first code. Only on a terminal: elsewhere it fails (exit 3)
   * before asking Cognito for anything, naming `mmbatch-auth mfa enroll`.
   */
  enrolAuthenticator(username: string, associate: () => Promise<string>): Promise<string>;
}

/** The otpauth:// URI an authenticator app reads (Google's Key Uri Format): issuer, account, the base32 secret. */
export function otpauthUri(secret: string, username: string, issuer = 'MMBatch'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(username)}`;
  return `otpauth://totp/${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;
}

/** Shows the URI as a QR code on stderr (a terminal), and the URI itself beneath it for apps that take text. */
export async function showAuthenticator(ctx: Pick<Context, 'io'>, uri: string): Promise<void> {
  const { renderQr } = await import('../cli/io/qr.js');
  ctx.io.err.write(`\nScan this with an authenticator app (Google Authenticator, 1Password, Authy, ...):\n\n${renderQr(uri)}\n`);
  ctx.io.err.write(`or enter this URI: ${uri}\n\n`);
}

/** The first code from the app, asked on the terminal. */
export async function promptFirstCode(ctx: Pick<Context, 'prompter'>): Promise<string> {
  const code = await ctx.prompter.input({ message: 'The 6-digit code the app shows now:', validate: (value) => MFA_CODE.test(value.trim()) || 'expected 6 to 8 digits' });
  return validateMfaCode(code);
}

const MFA_CODE = /^\d{6,8}$/;

export function validateMfaCode(code: string): string {
  const trimmed = code.trim();
  keepSecret(trimmed);
  if (!MFA_CODE.test(trimmed)) throw new UsageError('invalid one-time code: expected 6 to 8 digits');
  return trimmed;
}

/** The secret, held so that no message shows it (redact.ts). */
function kept(secret: string): string {
  keepSecret(secret);
  return secret;
}

export function credentialSources(ctx: SecretsContext, options: SecretOptions): CredentialSources {
  if (ctx.env.MMBATCH_AUTH_MFA_CODE) validateMfaCode(ctx.env.MMBATCH_AUTH_MFA_CODE);
  const given = STDIN_SECRETS.filter(([name]) => options[`${name}Stdin`]);
  let stdin: Promise<Partial<Record<SecretName, string>>> | undefined;
  const fromStdin = async (name: SecretName) => (await (stdin ??= readStdinSecrets(ctx.io, given)))[name]!;

  return {
    hasPassword: () => Boolean(options.passwordStdin || ctx.env.MMBATCH_AUTH_PASSWORD || ctx.interactive),
    async password(username) {
      if (options.passwordStdin) return fromStdin('password');
      if (ctx.env.MMBATCH_AUTH_PASSWORD) return kept(ctx.env.MMBATCH_AUTH_PASSWORD);
      if (ctx.interactive) {
        const answer = await ctx.prompter.password({ message: `Password for ${username}:` });
        if (answer) return kept(answer);
      }
      throw new UsageError(`the password of ${username} is required: pass --password-stdin or set MMBATCH_AUTH_PASSWORD`);
    },
    async newPassword(username) {
      if (options.newPasswordStdin) return fromStdin('newPassword');
      if (ctx.interactive) {
        ctx.log.warn(`${username} signs in for the first time and must choose a new password`);
        for (;;) {
          const first = await ctx.prompter.password({ message: 'New password:' });
          const again = await ctx.prompter.password({ message: 'New password again:' });
          if (first && first === again) return kept(first);
          ctx.log.warn(first ? 'the two passwords differ; try again' : 'the new password may not be empty');
        }
      }
      throw new ChallengeError(`${username} signs in for the first time and must choose a new password`, {
        hint: 'pass --new-password-stdin (with --password-stdin: two lines on stdin, the temporary password then the new one), or run `mmbatch-auth login` on a terminal',
      });
    },
    async mfaCode(kind) {
      if (options.mfaCodeStdin) return validateMfaCode(await fromStdin('mfaCode'));
      if (ctx.env.MMBATCH_AUTH_MFA_CODE) return validateMfaCode(ctx.env.MMBATCH_AUTH_MFA_CODE);
      const where = kind === 'SOFTWARE_TOKEN_MFA' ? 'from the authenticator app' : kind === 'SMS_MFA' ? 'sent by SMS' : 'sent by e-mail';
      if (ctx.interactive) {
        const code = await ctx.prompter.input({
          message: `One-time code ${where}:`,
          validate: (value) => MFA_CODE.test(value.trim()) || 'expected 6 to 8 digits',
        });
        return validateMfaCode(code);
      }
      throw new ChallengeError(`the sign-in asks for a one-time code ${where}`, {
        hint: 'pass --mfa-code-stdin or set MMBATCH_AUTH_MFA_CODE, or run `mmbatch-auth login` on a terminal',
      });
    },
    async enrolAuthenticator(username, associate) {
      if (!ctx.interactive) {
        throw new ChallengeError(`${username} must set up an authenticator app before signing in (the user pool requires MFA)`, {
          hint: 'run `mmbatch-auth mfa enroll` on a terminal: it shows a QR code and asks for the first code',
        });
      }
      const secret = await associate();
      ctx.log.warn(`the user pool requires MFA and ${username} has no authenticator app yet: set one up now`);
      await showAuthenticator(ctx, otpauthUri(secret, username));
      return promptFirstCode(ctx);
    },
  };
}
