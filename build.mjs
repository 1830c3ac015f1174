// Bundles the CLI into dist/ so the published package has no runtime dependencies: `npx
// mmbatch-auth` downloads one small package. The full CLI is one CommonJS file (dist/cli.cjs) that
// dist/launchCli.cjs runs from V8's code cache (src/launch/); the lean paths are files of their own.
// Sources and tests stay unbundled TypeScript.
//
//   node build.mjs                  build into dist/, keeping files older builds made
//   node build.mjs --clean          then delete every file in dist/ this build did not write (prepack)
//   node build.mjs --outdir <dir>   build somewhere else (the benchmark packs a clean copy this way)
//   node build.mjs --no-minify      readable bundles, for profiling (`node --cpu-prof` names real functions)
//   node build.mjs --metafile <f>   also write esbuild's metafile of every bundle (what is big in dist/:
//                                   `npx esbuild --analyze` style, or bench/README.md's one-liner)
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { SDK_PACKAGE, sdkPrebundle } from './build/sdkPrebundle.mjs';
import { thirdPartyLicenses } from './build/thirdPartyLicenses.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const outdirFlag = process.argv.indexOf('--outdir');
const outdir = outdirFlag > 0 ? process.argv[outdirFlag + 1] : 'dist';
// Files no longer built stay until --clean (prepack).

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
 * Code a Node client of our four services never runs stays out, answered by a module that says so
 * should anything ever load it (a `data:` URL, so not even a file for it):
 * - bowser (35 KiB, a browser's user-agent parser), reachable only from the SDK's browser
 *   user-agent provider, which @aws-sdk/core re-exports;
 * - @smithy/core's event streams (15 KiB), loaded only by an operation with an event-stream
 *   member: Cognito, Cognito Identity, IAM and STS have none.
 */
const neverRunInNode = {
  name: 'never-run-in-node',
  setup(b) {
    const notBundled = (what) => ({
      path: `data:text/javascript,${encodeURIComponent(`throw new Error('mmbatch-auth: ${what} is not bundled');`)}`,
      external: true,
    });
    b.onResolve({ filter: /^bowser$/ }, () => notBundled('bowser (browser user agents)'));
    b.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) => (args.kind === 'dynamic-import' ? notBundled('event-stream support') : undefined));
  },
};

/**
 * The SDK's clients import their whole package.json (2-4 KiB each) to put its version in the user
 * agent; the version is all they read (`packageInfo.version`), so that is all they get.
 */
const sdkPackageVersions = {
  name: 'sdk-package-versions',
  setup(b) {
    b.onResolve({ filter: /[\\/]package\.json$/ }, (args) =>
      /[\\/]node_modules[\\/]@aws-sdk[\\/]/.test(args.importer) ? { path: join(args.resolveDir, args.path), namespace: 'package-version' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'package-version' }, (args) => ({
      contents: JSON.stringify({ version: JSON.parse(readFileSync(args.path, 'utf8')).version }),
      loader: 'json',
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

/**
 * In a CommonJS bundle, `await import('node:http')` would start Node's ESM loader (several ms on the
 * lean paths, whose budget is Node's own start-up) for a built-in that require() loads at once. The
 * bundle gets a module that requires it, so esbuild turns the import() into a require() on first use.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'builtin-require' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'builtin-require' }, (args) => ({ contents: `module.exports=require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

/**
 * The lean sign-in (src/fast/signIn.ts) runs the SRP flow through the flows' table, which loads each
 * flow on demand: for that bundle the SRP flow (and the tiny password flow) are bundled, the admin
 * flow (the AWS SDK) stays out, as everything else the full CLI loads on demand.
 */
/**
 * The SRP maths (src/auth/srp/maths.ts: cognito-srp-helper, jsbn, crypto-js's parts) are one
 * CommonJS file, dist/srpMaths.cjs, loaded by both the full CLI and the lean sign-in instead of a
 * copy in each: about 40 KiB less to install. The SRP flow loads it through
 * src/auth/srp/loadMaths.ts once its first call has left; in every bundle that module becomes a
 * require() of the file, imported statically.
 */
const LOAD_MATHS = /[\\/]auth[\\/]srp[\\/]loadMaths\.(js|ts)$/;
const srpMathsShared = () => ({
  name: 'srp-maths-shared',
  setup(b) {
    b.onResolve({ filter: /loadMaths\.js$/ }, (args) =>
      LOAD_MATHS.test(join(args.resolveDir, args.path)) ? { path: 'load-srp-maths', namespace: 'srp-maths' } : undefined,
    );
    b.onResolve({ filter: /^\.\/srpMaths\.cjs$/, namespace: 'srp-maths' }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /.*/, namespace: 'srp-maths' }, () => ({ contents: "export const loadSrpMaths = async () => require('./srpMaths.cjs');", loader: 'js' }));
  },
});

const leanSignInFlows = {
  name: 'lean-sign-in-flows',
  setup(b) {
    b.onResolve({ filter: /^\.\/(srp|password)\.js$/ }, (args) =>
      args.kind === 'dynamic-import' && /[\\/]auth[\\/]flows[\\/]table\.ts$/.test(args.importer)
        ? { path: join(dirname(args.importer), args.path.replace(/\.js$/, '.ts')) }
        : undefined,
    );
  },
};

const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: !process.argv.includes('--no-minify'),
  legalComments: 'linked',
  // Prefer the SDK's ES module builds: they tree-shake to the commands we use.
  mainFields: ['module', 'main'],
  define: { __MMBATCH_AUTH_VERSION__: JSON.stringify(version) },
  // Some bundled CommonJS code calls require() for Node built-ins; ESM has no require of its own
  // (only the help renderer is built as ES modules now; every CommonJS build sets its banner empty).
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

// The SDK as src/ uses it (build/sdkPrebundle.mjs), in a folder of its own for this build only.
const sdkDir = mkdtempSync(join(tmpdir(), 'mmbatch-auth-sdk-'));
const sdk = await sdkPrebundle({
  root: fileURLToPath(new URL('.', import.meta.url)),
  srcDir: fileURLToPath(new URL('./src', import.meta.url)),
  outdir: sdkDir,
  plugins: [neverRunInNode, sdkPackageVersions],
});
const sdkFromPrebundle = {
  name: 'sdk-from-prebundle',
  setup(b) {
    b.onResolve({ filter: SDK_PACKAGE }, (args) => (sdk.packages.includes(args.path) ? { path: sdk.entry } : undefined));
  },
};

/**
 * The full CLI: one CommonJS file, each command's run still loaded on demand (a dynamic import
 * becomes a lazy initialiser in it). One file because Node 20 keeps no compiled code between runs
 * of an ES module, and compiling the CLI and the functions a command calls costs more than
 * anything else it does before its first call (about 100 ms of `status`'s 110 before it); one
 * CommonJS file can be run from V8's code cache instead (src/launch/launchCli.ts).
 * Written beside and renamed, so a run starting mid-build never reads half of it.
 */
/** Every file in dist/ is CommonJS (only the help renderer above is built as ES modules). */
const commonJs = { ...common, format: 'cjs', splitting: false, banner: {} };

const cli = await build({
  ...commonJs,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  // The bundled packages' licences are in THIRD-PARTY-LICENSES.txt, whole (below).
  legalComments: 'none',
  write: false,
  plugins: [lazyChildProcess, srpMathsShared(), builtinsByRequire, sdkFromPrebundle],
  // No pages here: bin/ printed them before loading this, so the CLI is reached for help only
  // where a page does not fit (a narrow terminal), and commander lays that out.
});
rmSync(sdkDir, { recursive: true, force: true });
const [cliFile] = cli.outputFiles;
// The launcher reads the file as Latin-1 (a third of the time UTF-8 takes) and runs it with no
// loader for import() (vm.Script): both hold only for ASCII (esbuild's default charset) with no
// import() left, which a change of options or dependencies could break.
if (/[^\x00-\x7f]/.test(cliFile.text)) throw new Error('dist/cli.cjs is not ASCII (src/launch/launchCli.ts reads it as Latin-1)');
if (/\bimport\(/.test(cliFile.text.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""'))) throw new Error('dist/cli.cjs has an import() (src/launch/launchCli.ts runs it without an ES module loader)');
// The file ends with its own content hash, which names its code cache (src/launch/codeCache.ts): in
// the file itself, so the name changes with the code in the one rename, whatever else is rebuilt.
const cliHash = createHash('sha256').update(cliFile.contents).digest('hex').slice(0, 16);
mkdirSync(outdir, { recursive: true });
writeFileSync(`${cliFile.path}.tmp`, `${cliFile.text}//mmbatch-auth:cli-sha256=${cliHash}\n`);
renameSync(`${cliFile.path}.tmp`, cliFile.path);

// The launcher of the full CLI (src/launch/).
const launch = await build({
  ...commonJs,
  entryPoints: ['src/launch/launchCli.ts'],
  outfile: `${outdir}/launchCli.cjs`,
});

// The help pages again, as one CommonJS file for bin/mmbatch-auth.cjs: answered before the full CLI
// is loaded, `--help` costs about what Node's own start-up does.
const help = await build({
  ...commonJs,
  entryPoints: ['src/cli/help/pages.ts'],
  outfile: `${outdir}/helpPages.cjs`,
  define: withHelpPages,
});

// The cached-token fast path is one self-contained CommonJS file (no shared chunks, no ESM loader
// to start): every module file Node has to resolve and link costs about a millisecond, and this
// path's budget is Node's own start-up. bin/mmbatch-auth.cjs requires it first.
const fast = await build({
  ...commonJs,
  entryPoints: ['src/fast/token.ts'],
  outfile: `${outdir}/fastToken.cjs`,
  plugins: [onDemandStaysOut],
});

// The lean path for a token not in the cache (src/fast/fresh.ts), as two more CommonJS files, so the
// cached path loads neither our JSON client nor the SRP maths, and a renewal not the SRP maths:
// dist/freshToken.cjs renews by the refresh token; dist/freshSignIn.cjs (the same, with the SRP
// sign-in) runs when a password must be used. bin/ requires each when the one before found no token.
const renew = await build({
  ...commonJs,
  entryPoints: ['src/fast/refreshEntry.ts'],
  outfile: `${outdir}/freshToken.cjs`,
  plugins: [builtinsByRequire, onDemandStaysOut],
});
const leanSignIn = await build({
  ...commonJs,
  entryPoints: ['src/fast/signInEntry.ts'],
  outfile: `${outdir}/freshSignIn.cjs`,
  plugins: [srpMathsShared(), builtinsByRequire, leanSignInFlows, onDemandStaysOut],
});
const srpMaths = await build({
  ...commonJs,
  entryPoints: ['src/auth/srp/maths.ts'],
  outfile: `${outdir}/srpMaths.cjs`,
  legalComments: 'none',
  plugins: [srpHelperDependencies],
});
const bundles = [cli, launch, help, fast, renew, leanSignIn, srpMaths];

const LICENSES = 'THIRD-PARTY-LICENSES.txt';
writeFileSync(
  join(outdir, LICENSES),
  thirdPartyLicenses(
    [...bundles, sdk.result].map((result) => result.metafile),
    fileURLToPath(new URL('.', import.meta.url)),
  ),
);

if (process.argv.includes('--clean')) {
  const outputs = bundles.flatMap((result) => Object.keys(result.metafile.outputs));
  const keep = new Set([...outputs.map((file) => basename(file)), LICENSES]);
  for (const file of readdirSync(outdir)) if (!keep.has(file)) rmSync(`${outdir}/${file}`);
}

const metafileFlag = process.argv.indexOf('--metafile');
if (metafileFlag > 0) {
  const merged = { inputs: {}, outputs: {} };
  for (const result of [...bundles, sdk.result]) {
    Object.assign(merged.inputs, result.metafile.inputs);
    Object.assign(merged.outputs, result.metafile.outputs);
  }
  writeFileSync(process.argv[metafileFlag + 1], JSON.stringify(merged));
}
