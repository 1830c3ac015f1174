// Bundles the CLI into dist/ (ESM, split per command) so the published package has no runtime
// dependencies: `npx mmbatch-auth` downloads one small package, and each command loads only its
// own code. Sources and tests stay unbundled TypeScript.
//
//   node build.mjs                  build into dist/, keeping older builds' chunks
//   node build.mjs --clean          then delete every file in dist/ this build did not write (prepack)
//   node build.mjs --outdir <dir>   build somewhere else (the benchmark packs a clean copy this way)
//   node build.mjs --metafile <f>   also write esbuild's metafile of every bundle (what is big in dist/:
//                                   `npx esbuild --analyze` style, or bench/README.md's one-liner)
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? process.argv[outdirFlag + 1] : 'dist';
// Chunk names carry content hashes, so a build never overwrites a file that a running CLI may
// still load (tests build while others run); older builds' files go only with --clean (prepack).

/**
 * Commander requires node:child_process at load time for executable subcommands, which this CLI
 * does not have; loading it (with net, dgram, ...) costs every command a few milliseconds.
 * Commander gets a stand-in that loads the real module on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, () => ({
      contents: "let m;module.exports=new Proxy({},{get:(_,k)=>(m??=require('node:child_process'))[k]});",
      loader: 'js',
    }));
  },
};

/**
 * cognito-srp-helper (the SRP maths of a fresh sign-in) imports all of crypto-js and a browser
 * polyfill of Buffer. It uses four crypto-js modules (src/auth/srp/cryptoJs.ts), and Node has Buffer:
 * the rest would cost every fresh `token` about 10 ms to load for nothing.
 */
const srpHelperDependencies = {
  name: 'srp-helper-dependencies',
  setup(b) {
    const fromHelper = (args) => /[\\/]node_modules[\\/]cognito-srp-helper[\\/]/.test(args.importer);
    const cryptoJsParts = fileURLToPath(new URL('./src/auth/srp/cryptoJs.ts', import.meta.url));
    b.onResolve({ filter: /^crypto-js$/ }, (args) => (fromHelper(args) ? { path: cryptoJsParts } : undefined));
    b.onResolve({ filter: /^buffer\/index\.js$/ }, (args) => (fromHelper(args) ? { path: 'node:buffer', external: true } : undefined));
  },
};

/**
 * bowser (35 KiB, a browser's user-agent parser) is reachable only from the SDK's browser
 * user-agent provider, which a Node client never calls; @aws-sdk/core re-exports it, so esbuild
 * keeps it. A stand-in that says so, should anything ever load it, keeps it out of the package.
 */
const noBrowserUserAgent = {
  name: 'no-browser-user-agent',
  setup(b) {
    b.onResolve({ filter: /^bowser$/ }, () => ({ path: 'bowser', namespace: 'browser-only' }));
    b.onLoad({ filter: /.*/, namespace: 'browser-only' }, () => ({
      contents: "throw new Error('mmbatch-auth: bowser (browser user agents) is not bundled');",
      loader: 'js',
    }));
  },
};

/**
 * What only the full CLI loads on demand (each command's run, the sign-in flows, the context) stays
 * out of a bundle that never runs it: the fast path, and the help renderer. Packages (commander,
 * which the renderer does run) are bundled as usual.
 */
const onDemandStaysOut = {
  name: 'on-demand-stays-out',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'linked',
  // Prefer the SDK's ES module builds: they tree-shake to the commands we use.
  mainFields: ['module', 'main'],
  define: { __MMBATCH_AUTH_VERSION__: JSON.stringify(version) },
  // Some bundled CommonJS code calls require() for Node built-ins; ESM has no require of its own.
  banner: { js: "import{createRequire as __mmbatchCreateRequire}from'node:module';const require=__mmbatchCreateRequire(import.meta.url);" },
  logLevel: 'warning',
  metafile: true,
};

/**
 * Every `[command] --help` page, rendered by the CLI's own main() (src/cli/help/render.ts) for the
 * real build to embed (src/cli/help/pages.ts): `--help` then prints without loading commander. Only
 * the command specs are bundled for this; the commands themselves never run.
 */
async function renderHelpPages() {
  const dir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-help-'));
  try {
    await build({
      ...common,
      entryPoints: { render: 'src/cli/help/render.ts' },
      outdir: dir,
      outExtension: { '.js': '.mjs' },
      metafile: false,
      plugins: [onDemandStaysOut],
    });
    const { renderHelpPages: render } = await import(pathToFileURL(join(dir, 'render.mjs')).href);
    return await render();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The pages share most of their lines (every page lists the global options), so each distinct line
 * is kept once and a page is a list of line numbers: a third of the size, which `--help` parses.
 */
function internLines(pages) {
  const lines = [];
  const index = new Map();
  const numbered = {};
  for (const [path, text] of Object.entries(pages)) {
    numbered[path] = text.split('\n').map((line) => {
      if (!index.has(line)) index.set(line, lines.push(line) - 1);
      return index.get(line);
    });
  }
  return { lines, pages: numbered };
}

const withHelpPages = { ...common.define, __MMBATCH_AUTH_HELP__: JSON.stringify(internLines(await renderHelpPages())) };

const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  plugins: [lazyChildProcess, srpHelperDependencies, noBrowserUserAgent],
  // No pages here: bin/ printed them before loading this, so the CLI is reached for help only
  // where a page does not fit (a narrow terminal), and commander lays that out.
});

// The help pages again, as one CommonJS file for bin/mmbatch-auth.cjs: answered before the ESM CLI
// is loaded, `--help` costs about what Node's own start-up does.
const help = await build({
  ...common,
  entryPoints: ['src/cli/help/pages.ts'],
  outfile: `${outdir}/helpPages.cjs`,
  format: 'cjs',
  banner: {},
  define: withHelpPages,
});

// The cached-token fast path is one self-contained CommonJS file (no shared chunks, no ESM loader
// to start): every module file Node has to resolve and link costs about a millisecond, and this
// path's budget is Node's own start-up. bin/mmbatch-auth.cjs requires it first.
const fast = await build({
  ...common,
  entryPoints: ['src/fast/token.ts'],
  outfile: `${outdir}/fastToken.cjs`,
  format: 'cjs',
  splitting: false,
  banner: {},
  plugins: [onDemandStaysOut],
});

// The refresh path (src/fast/renew.ts): a second CommonJS file, so the cached path does not load
// the JSON client and the refresh flow it rarely needs; bin/ requires it when that path found no
// usable token.
const renew = await build({
  ...common,
  entryPoints: ['src/fast/renew.ts'],
  outfile: `${outdir}/freshToken.cjs`,
  format: 'cjs',
  splitting: false,
  banner: {},
  plugins: [onDemandStaysOut],
});

if (process.argv.includes('--clean')) {
  const outputs = [cli, help, fast, renew].flatMap((result) => Object.keys(result.metafile.outputs));
  const keep = new Set(outputs.map((file) => basename(file)));
  for (const file of readdirSync(outdir)) if (!keep.has(file)) rmSync(`${outdir}/${file}`);
}

const metafileFlag = process.argv.indexOf('--metafile');
if (metafileFlag > 0) {
  const merged = { inputs: {}, outputs: {} };
  for (const result of [cli, help, fast, renew]) {
    Object.assign(merged.inputs, result.metafile.inputs);
    Object.assign(merged.outputs, result.metafile.outputs);
  }
  writeFileSync(process.argv[metafileFlag + 1], JSON.stringify(merged));
}
