// The AWS SDK, bundled first on its own, for the CommonJS CLI bundle (build.mjs) to take whole.
//
// Without code splitting (CommonJS has none), esbuild keeps every export of a module that only a
// dynamic import() reaches (the commands' runs, and so the resources and the SDK clients): it wraps
// such a module in a lazy initialiser whose namespace holds all its exports, and the clients' index
// modules re-export every command they have. That put all of Cognito's and IAM's hundred-odd
// commands, with their schemas, into the bundle: 150 KiB that nothing runs. So the SDK is bundled
// first, as an ES module exporting only the names src/ takes from it (read from the sources: every
// named import, and the names destructured from `await import('@aws-sdk/client-…')`), with
// splitting, so the SDK's own on-demand parts (the credential sources) are tree-shaken too. The CLI
// bundle then reads that module instead of the packages: what it wraps is already only what runs.
import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';

/** The packages src/ takes from the SDK: a client, or a @smithy part. */
export const SDK_PACKAGE = /^@(aws-sdk|smithy)\//;
const ANY_SDK_IMPORT = /(?<!typeof\s*)\bimport\(\s*(["'])(@(?:aws-sdk|smithy)\/[^"']+)\1\s*\)/g;
const DESTRUCTURED_IMPORT = /\bconst\s*\{([^}]*)\}\s*=\s*await\s+import\(\s*(["'])(@(?:aws-sdk|smithy)\/[^"']+)\2\s*\)/g;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.ts$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

function add(taken, from, name) {
  const names = taken.get(from) ?? new Set();
  names.add(name);
  taken.set(from, names);
}

/**
 * package → the names src/ imports from it at run time. Type-only imports are left out; a value
 * import whose name is only a type is filtered later against the package's real exports.
 */
function namesTaken(srcDir) {
  const taken = new Map();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
    for (const statement of source.statements) {
      const from = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      if (!from || !SDK_PACKAGE.test(from)) continue;
      if (ts.isExportDeclaration(statement)) {
        if (statement.isTypeOnly) continue;
        throw new Error(`${file}: re-exports from ${from}; import the names instead (build/sdkPrebundle.mjs reads imports)`);
      }
      const clause = statement.importClause;
      if (clause?.isTypeOnly) continue;
      if (!clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) {
        throw new Error(`${file}: import names from ${from} (\`import { Name } from '${from}'\`); build/sdkPrebundle.mjs reads them`);
      }
      for (const element of clause.namedBindings.elements) if (!element.isTypeOnly) add(taken, from, (element.propertyName ?? element.name).text);
    }
    const understood = [...text.matchAll(DESTRUCTURED_IMPORT)];
    if ([...text.matchAll(ANY_SDK_IMPORT)].length !== understood.length) {
      throw new Error(`${file}: write a dynamic import of the SDK as \`const { Name } = await import('@aws-sdk/client-…')\`; build/sdkPrebundle.mjs reads the names`);
    }
    for (const match of understood) {
      for (const part of match[1].split(',').map((name) => name.trim()).filter(Boolean)) {
        if (!/^[A-Za-z_$][\w$]*(\s*:\s*[A-Za-z_$][\w$]*)?$/.test(part)) throw new Error(`${file}: cannot read the name '${part}' imported from ${match[3]}`);
        add(taken, match[3], part.split(':')[0].trim());
      }
    }
  }
  return taken;
}

/**
 * Bundles the SDK as src/ uses it into `outdir` (sdk.mjs and its chunks).
 * @returns the entry file, esbuild's result (its metafile names the bundled packages, for their
 *   licences) and the packages it stands for.
 */
export async function sdkPrebundle({ root, srcDir, outdir, plugins }) {
  const taken = namesTaken(srcDir);
  const require = createRequire(join(root, 'package.json'));
  const lines = [...taken]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([from, names]) => {
      const runtime = require(from);
      return `export { ${[...names].filter((name) => name in runtime).sort().join(', ')} } from ${JSON.stringify(from)};`;
    });
  const entry = {
    name: 'sdk-prebundle-entry',
    setup(b) {
      b.onResolve({ filter: /^sdk-prebundle-entry$/ }, () => ({ path: 'sdk', namespace: 'sdk-prebundle' }));
      b.onLoad({ filter: /.*/, namespace: 'sdk-prebundle' }, () => ({ contents: lines.join('\n'), resolveDir: root, loader: 'js' }));
    },
  };
  const result = await build({
    entryPoints: [{ in: 'sdk-prebundle-entry', out: 'sdk' }],
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The SDK's ES module builds: they tree-shake to the commands we use.
    mainFields: ['module', 'main'],
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    plugins: [entry, ...plugins],
  });
  return { entry: join(outdir, 'sdk.mjs'), result, packages: [...taken.keys()] };
}
