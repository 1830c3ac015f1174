// Bundles the CLI into dist/ (ESM, split per command) so the published package has no runtime
// dependencies: `npx mmbatch-auth` downloads one small package, and each command loads only its
// own code. Sources and tests stay unbundled TypeScript.
//
//   node build.mjs                  build into dist/, keeping older builds' chunks
//   node build.mjs --clean          then delete every file in dist/ this build did not write (prepack)
//   node build.mjs --outdir <dir>   build somewhere else (the benchmark packs a clean copy this way)
//   node build.mjs --no-minify      readable bundles, for profiling (`node --cpu-prof` names real functions)
//   node build.mjs --metafile <f>   also write esbuild's metafile of every bundle (what is big in dist/:
//                                   `npx esbuild --analyze` style, or bench/README.md's one-liner)
import { build, transform } from 'esbuild';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importGroups } from './build/importGroups.mjs';
import { sdkImportsByName } from './build/sdkImportsByName.mjs';
import { thirdPartyLicenses } from './build/thirdPartyLicenses.mjs';

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
 * CommonJS file, dist/srpMaths.cjs, loaded by both the ES-module CLI and the lean sign-in instead
 * of a copy in each: about 40 KiB less to install. The SRP flow loads it through
 * src/auth/srp/loadMaths.ts once its first call has left; in every bundle that module becomes a
 * require() of the file (an ES-module chunk has `require` from its createRequire banner), imported
 * statically: no chunk of its own (a 4 KiB block of the installed package for a few hundred bytes)
 * and no parse of the CommonJS file for its export names, as an import() of it would need.
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

/**
 * The CLI's dynamic imports, grouped (build/importGroups.mjs): each group is one file to load
 * instead of a dozen, and far fewer chunks on disk. A group holds what is loaded together anyway or
 * shares nearly all its code; what only some runs need (the SRP maths, the QR code, the prompts,
 * the SDK's other credential sources) stays apart, so no command loads more than it did by much.
 */
const CLI_IMPORT_GROUPS = {
  // The commands that read or change AWS resources: their runs share the workflows, the resources
  // and the three SDK clients, which is nearly all of their code.
  resources: [
    'src/commands/setup/run.ts',
    'src/commands/status/run.ts',
    'src/commands/teardown/run.ts',
    'src/commands/server/run.ts',
    'src/commands/user-pool/run.ts',
    'src/commands/app-client/run.ts',
    'src/commands/self-signup/run.ts',
    'src/commands/auth-flows/run.ts',
    'src/commands/identity-pool/run.ts',
    'src/commands/users/run.ts',
    'src/commands/users/addMany.ts',
    'src/commands/aws-credentials/run.ts',
    'src/aws/clients.ts',
    'src/aws/policy.ts',
    'src/aws/sdkConfig.ts',
    'src/aws/instrument.ts',
    'src/resources/serverSettings.ts',
    'src/auth/cognito/sdk.ts',
    'src/auth/flows/admin.ts',
    '@aws-sdk/client-cognito-identity',
  ],
  // What every run loads (its context), with the runs that need little else.
  context: ['src/cli/context.ts', 'src/commands/use/run.ts', 'src/commands/iam-policy/run.ts', 'src/commands/completion/run.ts'],
  // The runs that sign in or call the server without the SDK, and what they load later.
  session: [
    'src/commands/token/run.ts',
    'src/commands/login/run.ts',
    'src/commands/logout/run.ts',
    'src/commands/api/run.ts',
    'src/commands/mfa/run.ts',
    'src/auth/session.ts',
    'src/auth/flows/refresh.ts',
    'src/auth/flows/password.ts',
    'src/auth/cognito/calls.ts',
    'src/server/connect.ts',
    'src/server/cognitoSettings.ts',
  ],
  // The prompter loads all four prompts at once.
  prompts: ['src/cli/io/prompter.ts', '@inquirer/input', '@inquirer/password', '@inquirer/confirm', '@inquirer/select'],
  // The SDK's credential sources after the environment (a profile, SSO, a web identity, a process,
  // the container or instance metadata): one of them leads to the others.
  credentialSources: [
    '@aws-sdk/credential-provider-env',
    '@aws-sdk/credential-provider-ini',
    '@aws-sdk/credential-provider-process',
    '@aws-sdk/credential-provider-sso',
    '@aws-sdk/credential-provider-web-identity',
    '@aws-sdk/credential-provider-http',
    '@aws-sdk/credential-provider-login',
    '@smithy/credential-provider-imds',
  ],
  // The SDK's own small clients behind those sources (STS to assume a role, SSO, its sign-in).
  sdkNestedClients: [
    '@aws-sdk/nested-clients/sts',
    '@aws-sdk/nested-clients/sso-oidc',
    '@aws-sdk/nested-clients/signin',
    'node_modules/@aws-sdk/credential-provider-sso/dist-es/loadSso.js',
  ],
};

const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  // The bundled packages' licences are in THIRD-PARTY-LICENSES.txt, whole (below).
  legalComments: 'none',
  plugins: [
    lazyChildProcess,
    srpMathsShared(),
    neverRunInNode,
    sdkPackageVersions,
    sdkImportsByName(fileURLToPath(new URL('./src', import.meta.url))),
    importGroups(CLI_IMPORT_GROUPS, fileURLToPath(new URL('.', import.meta.url))),
  ],
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

// The lean path for a token not in the cache (src/fast/fresh.ts), as two more CommonJS files, so the
// cached path loads neither our JSON client nor the SRP maths, and a renewal not the SRP maths:
// dist/freshToken.cjs renews by the refresh token; dist/freshSignIn.cjs (the same, with the SRP
// sign-in) runs when a password must be used. bin/ requires each when the one before found no token.
const lean = { ...common, format: 'cjs', splitting: false, banner: {} };
const renew = await build({
  ...lean,
  entryPoints: ['src/fast/refreshEntry.ts'],
  outfile: `${outdir}/freshToken.cjs`,
  plugins: [builtinsByRequire, onDemandStaysOut],
});
const leanSignIn = await build({
  ...lean,
  entryPoints: ['src/fast/signInEntry.ts'],
  outfile: `${outdir}/freshSignIn.cjs`,
  plugins: [srpMathsShared(), builtinsByRequire, leanSignInFlows, onDemandStaysOut],
});
const srpMaths = await build({
  ...lean,
  entryPoints: ['src/auth/srp/maths.ts'],
  outfile: `${outdir}/srpMaths.cjs`,
  legalComments: 'none',
  plugins: [srpHelperDependencies],
});
const bundles = [cli, help, fast, renew, leanSignIn, srpMaths];

// The createRequire banner is needed only where the code calls require(): a chunk that never refers
// to `require` loses it (120 bytes; the package is measured in 4 KiB blocks, and one chunk sat 84
// bytes over its last one). esbuild's define renames every reference to the free identifier, never
// a string or a property, so a chunk whose text it leaves alike has none; removing a declaration
// nothing reads cannot change what runs.
const BANNER = common.banner.js;
for (const file of Object.keys(cli.metafile.outputs).filter((name) => name.endsWith('.mjs'))) {
  const text = readFileSync(file, 'utf8');
  if (!text.startsWith(BANNER)) continue;
  const body = text.slice(BANNER.length).replace(/^\n/, '');
  const probe = await transform(body, { format: 'esm', define: { require: '__mmbatchRequireProbe' }, minify: false });
  if (!probe.code.includes('__mmbatchRequireProbe')) writeFileSync(file, body);
}

const LICENSES = 'THIRD-PARTY-LICENSES.txt';
writeFileSync(
  join(outdir, LICENSES),
  thirdPartyLicenses(
    bundles.map((result) => result.metafile),
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
  for (const result of bundles) {
    Object.assign(merged.inputs, result.metafile.inputs);
    Object.assign(merged.outputs, result.metafile.outputs);
  }
  writeFileSync(process.argv[metafileFlag + 1], JSON.stringify(merged));
}
