// Bundles the CLI into dist/ (ESM, split per command) so the published package has no runtime
// dependencies: `npx mmbatch-auth` downloads one small package, and each command loads only its
// own code. Sources and tests stay unbundled TypeScript.
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename } from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// Chunk names carry content hashes, so a build never overwrites a file that a running CLI may
// still load (tests build while others run); older builds' files go only with --clean (prepack).

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

const cli = await build({
  ...common,
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  splitting: true,
});

// The cached-token fast path is one self-contained file (no shared chunks): every module file Node
// has to resolve and link costs about a millisecond, and this path's budget is Node's own start-up.
const fast = await build({
  ...common,
  entryPoints: { fastToken: 'src/fastToken.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  splitting: false,
  banner: {},
});

if (process.argv.includes('--clean')) {
  const outputs = [...Object.keys(cli.metafile.outputs), ...Object.keys(fast.metafile.outputs)];
  const keep = new Set(outputs.map((file) => basename(file)));
  for (const file of readdirSync('dist')) if (!keep.has(file)) rmSync(`dist/${file}`);
}
