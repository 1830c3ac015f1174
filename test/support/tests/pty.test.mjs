// The pseudo-terminal harness (test/support/pty.mjs): real prompts answered by typing, keys,
// exit codes and signals, stdout apart from the terminal, and its error messages.
import { spawnPty, runInPty } from '../pty.mjs';
import { tempHome } from '../cli.mjs';

const ENV = { PATH: process.env.PATH, TERM: 'xterm-256color' };

/** `node -e <ESM source>` on a terminal; the prompts package resolves from the project root. */
const nodeScript = (source, options = {}) => spawnPty(process.execPath, ['--input-type=module', '-e', source], { env: ENV, ...options });

const PROMPTS = `
import input from '@inquirer/input';
import password from '@inquirer/password';
const context = { output: process.stderr }; // as the CLI: prompts on stderr, stdout kept clean
const name = await input({ message: 'Your name?' }, context);
const secret = await password({ message: 'Password?', mask: '*' }, context);
process.stdout.write(JSON.stringify({ name, secret, stdinIsTTY: process.stdin.isTTY, columns: process.stderr.columns }) + '\\n');
process.exit(3);
`;

describe('runInPty / spawnPty', () => {
  test('input and masked password prompts answered with sendLine; stdout captured on its own', async () => {
    const pty = nodeScript(PROMPTS, { separateStdout: true, cols: 100 });
    await pty.expect('Your name?');
    pty.sendLine('Ada');
    await pty.expect(/Password\?/);
    pty.sendLine('open-sesame');
    expect(await pty.exit()).toEqual({ code: 3, signal: null });

    const { text, stdout } = pty.output();
    expect(JSON.parse(stdout)).toEqual({ name: 'Ada', secret: 'open-sesame', stdinIsTTY: true, columns: 100 });
    expect(text).toContain('✔ Your name? Ada');
    expect(text).toContain('✔ Password? ***********'); // one star a character
    expect(text).not.toContain('open-sesame'); // neither echoed by the terminal nor shown by the prompt
    expect(text).not.toContain('"name"'); // stdout did not go to the terminal
  });

  test('without separateStdout, stdout and stderr share the terminal of the size asked for', async () => {
    const pty = nodeScript(`console.log('to stdout', process.stdout.isTTY, process.stdout.columns, process.stdout.rows); console.error('to stderr');`, { cols: 123, rows: 45 });
    expect(await pty.exit()).toEqual({ code: 0, signal: null });
    const { raw, text, stdout } = pty.output();
    expect(text).toContain('to stdout true 123 45\r\n');
    expect(text).toContain('to stderr');
    expect(stdout).toBeNull();
    expect(raw).toMatch(/\x1b\[/); // util.inspect colours on a TTY; text is the same, stripped
  });

  test('sendKey: arrow keys move a select prompt, Enter picks', async () => {
    const pty = nodeScript(`
      import select from '@inquirer/select';
      const flow = await select({ message: 'Flow?', choices: ['srp', 'admin', 'password'] }, { output: process.stderr });
      process.exit(['srp', 'admin', 'password'].indexOf(flow) + 10);
    `);
    await pty.expect('Flow?');
    pty.sendKey('down');
    pty.sendKey('down');
    pty.sendKey('up');
    await pty.expect('❯ admin');
    pty.sendKey('enter');
    expect(await pty.exit()).toEqual({ code: 11, signal: null });
  });

  test('a command killed by a signal is reported as that signal', async () => {
    const pty = nodeScript(`process.kill(process.pid, 'SIGTERM')`);
    expect(await pty.exit()).toEqual({ code: null, signal: 'SIGTERM' });
  });

  test('expect() fails after its timeout with the last output, ANSI stripped', async () => {
    const pty = nodeScript(`process.stderr.write('\\x1b[31mwaiting for nothing\\x1b[39m'); setTimeout(() => {}, 30000);`);
    await pty.expect('waiting');
    const failure = await pty.expect('never shown', { timeoutMs: 300 }).catch((error) => error);
    expect(failure.message).toMatch(/timed out after 300 ms before it showed "never shown"/);
    expect(failure.message).toContain('waiting for nothing');
    expect(failure.message).not.toContain('\x1b');
    expect(await pty.kill()).toEqual({ code: null, signal: 'SIGKILL' });
  });

  test('expect() fails at once when the command ends first', async () => {
    const pty = nodeScript(`console.log('bye'); process.exit(4)`);
    await expect(pty.expect('hello', { timeoutMs: 20_000 })).rejects.toThrow(/the command ended \(exit 4\) before it showed "hello"[\s\S]*bye/);
  });

  test('Ctrl-C at a prompt of the real binary exits 130', async () => {
    const home = tempHome();
    try {
      // No flags, no region and an empty home: setup asks for the region before anything else.
      const pty = runInPty(['setup'], { env: { CI: '', HOME: home.dir, ...home.env } });
      await pty.expect('AWS region');
      pty.sendKey('ctrl-c');
      expect(await pty.exit()).toEqual({ code: 130, signal: null });
      expect(pty.output().text).toContain('mmbatch-auth: interrupted');
    } finally {
      home.cleanup();
    }
  });
});
