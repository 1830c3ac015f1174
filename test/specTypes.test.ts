// A command's options are typed from its spec: `npm run typecheck` (which covers this file) fails
// when a run reads a flag its spec does not declare, or when a run's options type asks for more
// than the spec gives. Each @ts-expect-error below is such a mistake; should one stop being an
// error, the type check fails on the unused directive. At run time, the spec's parsed values.
import { defineCommand, options, optionsFrom, type OptionsOf } from '../src/commands/define.js';
import type { Context } from '../src/cli/context.js';

const specOptions = options({
  userPoolId: { flag: '--user-pool-id', value: '<id>', description: 'a pool' },
  flow: { flag: '--flow', value: '<flow>', choices: ['auto', 'srp'], default: 'auto', description: 'a flow' },
  cache: { flag: '--no-cache', negate: true, description: 'no cache' },
  noServer: { flag: '--no-server', description: 'no server' },
});
const specArgs = [{ name: 'email', required: true }, { name: 'rest', variadic: true }] as const;
type Options = OptionsOf<{ options: typeof specOptions; args: typeof specArgs }>;

test('OptionsOf: each flag and argument with the type its spec gives it', () => {
  const parsed: Options = optionsFrom(specOptions, specArgs, { values: { userPoolId: 'p', cache: false, server: false }, args: ['a@example.com', ['x', 'y']] });
  expect(parsed).toEqual({ userPoolId: 'p', flow: 'auto', cache: false, noServer: true, email: 'a@example.com', rest: ['x', 'y'] });
  const flow: 'auto' | 'srp' = parsed.flow; // a choice with a default is never undefined
  const pool: string | undefined = parsed.userPoolId;
  const email: string = parsed.email;
  expect([flow, pool, email]).toEqual(['auto', 'p', 'a@example.com']);
  // @ts-expect-error: a value without a default may be undefined
  const notUndefined: string = parsed.userPoolId;
  // @ts-expect-error: the spec has no --username
  expect(parsed.username).toBeUndefined();
  expect(notUndefined).toBe('p');
});

test('defineCommand: a run that wants what the spec lacks does not compile', () => {
  const good = defineCommand({
    name: 'good',
    description: 'reads only what it declares',
    examples: [],
    options: specOptions,
    args: specArgs,
    load: async () => async (o: Options, _ctx: Context) => void o.userPoolId,
  });
  const bad = defineCommand({
    name: 'bad',
    description: 'reads a flag it never declared',
    examples: [],
    options: specOptions,
    args: specArgs,
    // @ts-expect-error: --username is not in the spec
    load: async () => async (o: Options & { username: string }, _ctx: Context) => void o.username,
  });
  expect([good.name, bad.name]).toEqual(['good', 'bad']);
});
