// Every hint names a command that works: each `mmbatch-auth ...` a hint or an error in src/ names
// (in backticks, or after `: `) is a command of the tree with only flags that command takes. The
// hints the suite can trigger are also run, placeholders filled in, by test/recovery.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from '../src/commands/tree.js';
import { GLOBAL_OPTIONS } from '../src/commands/shared.js';
import { isGroup, type AnySpec, type CommandSpec, type OptionSpec } from '../src/commands/define.js';
import { toAwsError } from '../src/aws/errors.js';
import { SAFE_USER_POOL_SETTINGS } from '../src/resources/userPool.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

/** The commands hint strings name: within a `hint:` or an error's text, `mmbatch-auth <words and flags>`. */
function hintedCommands(): { file: string; command: string }[] {
  const found: { file: string; command: string }[] = [];
  for (const file of files(join(__dirname, '..', 'src'))) {
    if (/commands\/[^/]+\/spec\.ts$|completion\/|help\//.test(file)) continue; // examples are checked by the help tests
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!/hint|Error\(|throw /.test(line)) continue;
      for (const match of line.matchAll(/mmbatch-auth ([^`'"\n|]*)/g)) {
        // The command's words and flags, up to where the sentence goes on (`, then`, ` (`, ...).
        const tokens = match[1].replace(/\$\{[^}]+\}/g, 'X').replace(/<[^>]+>/g, 'X').replace(/\\+/g, '').split(/\s+/);
        const kept: string[] = [];
        for (const token of tokens) {
          if (!token || /[,;()]$|^\(/.test(token) || token === 'then' || token === 'or') break;
          kept.push(token);
        }
        const words = kept.filter((token) => !token.startsWith('-'));
        if (!kept.length || kept[0] === '--help' || kept[0] === 'X' || !resolve(words).spec) continue; // prose, not a command
        found.push({ file, command: kept.join(' ') });
      }
    }
  }
  return found;
}

function resolve(words: string[]): { spec?: CommandSpec; rest: string[] } {
  // A hint's words: the command path, then its arguments.
  let specs: readonly AnySpec[] = COMMANDS;
  let index = 0;
  for (; index < words.length; index++) {
    const next = specs.find((spec) => spec.name === words[index]);
    if (!next) break;
    if (!isGroup(next)) return { spec: next, rest: words.slice(index + 1) };
    specs = next.commands;
  }
  return { rest: words.slice(index) };
}

const hints = hintedCommands();

test('the source has hints naming commands (the scan finds them)', () => {
  expect(hints.length).toBeGreaterThan(10);
  expect(hints.map((hint) => hint.command)).toEqual(expect.arrayContaining([expect.stringMatching(/^login --region/)]));
});

test.each(hints.map((hint) => [hint.command, hint.file.replace(/.*\/src\//, 'src/')]))('`mmbatch-auth %s` (%s) is a command with flags it takes', (command) => {
  const words = command.split(/\s+/);
  const { spec } = resolve(words.filter((word) => !word.startsWith('-')));
  expect(spec).toBeDefined();
  const flags = new Set<string>(([...Object.values(spec!.options), ...Object.values(GLOBAL_OPTIONS)] as OptionSpec[]).flatMap((option) => [option.flag, ...(option.short ? [option.short] : [])]));
  for (const word of words) if (word.startsWith('-')) expect({ command, flag: word, known: flags.has(word as `-${string}`) }).toEqual({ command, flag: word, known: true });
});

test("a password AWS refuses: the hint names the policy setup gives its pools (its minimum length, not another)", () => {
  const refused = Object.assign(new Error('Password does not conform to policy: Password not long enough'), { name: 'InvalidPasswordException' });
  const error = toAwsError(refused, 'cognito-idp', 'AdminSetUserPassword');
  expect(error.exitCode).toBe(2);
  expect(error.message).toBe("the password does not meet the user pool's password policy: Password not long enough");
  expect(error.hint).toBe(`at least ${SAFE_USER_POOL_SETTINGS.passwordMinimumLength} characters, with upper- and lower-case letters, digits and symbols`);
  expect(SAFE_USER_POOL_SETTINGS.passwordMinimumLength).toBe(14);
});
