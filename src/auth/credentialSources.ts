// The secrets a sign-in may need, each from stdin, the environment or a prompt, never from argv:
// the password, a new password (first sign-in with a temporary one) and a one-time MFA code.
//
// stdin is read at most once, and only when a secret is actually needed (a cached token needs none).
// With both --password-stdin and --new-password-stdin, stdin carries two lines: the current
// (temporary) password, then the new one. With only one of the flags, all of stdin is that secret.
import type { Context } from '../context.js';
import { ChallengeError, UsageError } from '../errors.js';
import { readAllStdin } from '../io.js';

export interface SecretOptions {
  passwordStdin?: boolean;
  newPasswordStdin?: boolean;
  mfaCode?: string;
}

export interface CredentialSources {
  /** Whether a password can be had without failing: a stdin flag, MMBATCH_AUTH_PASSWORD, or a prompt. */
  hasPassword(): boolean;
  password(username: string): Promise<string>;
  newPassword(username: string): Promise<string>;
  mfaCode(kind: 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA' | 'EMAIL_OTP'): Promise<string>;
}

const MFA_CODE = /^\d{6,8}$/;

export function validateMfaCode(code: string): string {
  const trimmed = code.trim();
  if (!MFA_CODE.test(trimmed)) throw new UsageError('invalid one-time code: expected 6 to 8 digits');
  return trimmed;
}

export function credentialSources(ctx: Context, options: SecretOptions): CredentialSources {
  if (options.mfaCode !== undefined) validateMfaCode(options.mfaCode);
  let stdin: Promise<{ password?: string; newPassword?: string }> | undefined;
  const readStdin = () => {
    stdin ??= (async () => {
      const flag = options.passwordStdin ? '--password-stdin' : '--new-password-stdin';
      if (ctx.io.stdinIsTTY) {
        throw new UsageError(`${flag} reads from stdin, but stdin is a terminal`, {
          hint: `pipe it in: printf '%s\\n' "$PASSWORD" | mmbatch-auth ... ${flag}`,
        });
      }
      const text = await readAllStdin(ctx.io.stdin);
      if (options.passwordStdin && options.newPasswordStdin) {
        const newline = text.search(/\r?\n/);
        if (newline < 0) {
          throw new UsageError('--password-stdin with --new-password-stdin expects two lines on stdin', {
            hint: 'the current (temporary) password on the first line, the new password on the second',
          });
        }
        const password = text.slice(0, newline);
        const newPassword = text.slice(text.indexOf('\n', newline) + 1).replace(/\r?\n$/, '');
        if (!password || !newPassword) throw new UsageError('stdin must carry the current password and the new one, one per line');
        return { password, newPassword };
      }
      if (!text) throw new UsageError(`${flag} was given but stdin is empty`);
      return options.passwordStdin ? { password: text } : { newPassword: text };
    })();
    return stdin;
  };

  return {
    hasPassword: () => Boolean(options.passwordStdin || ctx.env.MMBATCH_AUTH_PASSWORD || ctx.interactive),
    async password(username) {
      if (options.passwordStdin) return (await readStdin()).password!;
      if (ctx.env.MMBATCH_AUTH_PASSWORD) return ctx.env.MMBATCH_AUTH_PASSWORD;
      if (ctx.interactive) {
        const answer = await ctx.prompter.password({ message: `Password for ${username}:` });
        if (answer) return answer;
      }
      throw new UsageError(`the password of ${username} is required: pass --password-stdin or set MMBATCH_AUTH_PASSWORD`);
    },
    async newPassword(username) {
      if (options.newPasswordStdin) return (await readStdin()).newPassword!;
      if (ctx.interactive) {
        ctx.log.warn(`${username} signs in for the first time and must choose a new password`);
        for (;;) {
          const first = await ctx.prompter.password({ message: 'New password:' });
          const again = await ctx.prompter.password({ message: 'New password again:' });
          if (first && first === again) return first;
          ctx.log.warn(first ? 'the two passwords differ; try again' : 'the new password may not be empty');
        }
      }
      throw new ChallengeError(`${username} signs in for the first time and must choose a new password`, {
        hint: 'pass --new-password-stdin (with --password-stdin: two lines on stdin, the temporary password then the new one), or run `mmbatch-auth login` on a terminal',
      });
    },
    async mfaCode(kind) {
      if (options.mfaCode !== undefined) return validateMfaCode(options.mfaCode);
      const where = kind === 'SOFTWARE_TOKEN_MFA' ? 'from the authenticator app' : kind === 'SMS_MFA' ? 'sent by SMS' : 'sent by e-mail';
      if (ctx.interactive) {
        const code = await ctx.prompter.input({
          message: `One-time code ${where}:`,
          validate: (value) => MFA_CODE.test(value.trim()) || 'expected 6 to 8 digits',
        });
        return validateMfaCode(code);
      }
      throw new ChallengeError(`the sign-in asks for a one-time code ${where}`, {
        hint: 'pass --mfa-code <code>, or run `mmbatch-auth login` on a terminal',
      });
    },
  };
}
