// `const { GetIdCommand } = await import('@aws-sdk/client-cognito-identity')` loads an SDK client
// only when a run needs it, but esbuild cannot see which names the destructuring takes: it keeps
// every command of the package (all of Cognito's hundred-odd, with their schemas: about 75 KiB of
// dist/ that nothing runs). The build reads the names instead: every such import in src/ becomes an
// import of one module per package that re-exports just the names src/ takes from it. An import of
// a client package that is not written this way fails the build, so no name can be missed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const NAMESPACE = 'sdk-names';
const CLIENT_PACKAGE = /^@aws-sdk\/client-[\w-]+$/;
const ANY_CLIENT_IMPORT = /\bimport\(\s*(["'])(@aws-sdk\/client-[\w-]+)\1\s*\)/g;
const DESTRUCTURED_IMPORT = /\bconst\s*\{([^}]*)\}\s*=\s*await\s+import\(\s*(["'])(@aws-sdk\/client-[\w-]+)\2\s*\)/g;

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.ts$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

/** package → the names src/ destructures from its dynamic imports. */
function namesTaken(srcDir) {
  const taken = new Map();
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const understood = [...text.matchAll(DESTRUCTURED_IMPORT)];
    const all = [...text.matchAll(ANY_CLIENT_IMPORT)].filter((match) => !/typeof\s+$/.test(text.slice(0, match.index)));
    if (all.length !== understood.length) {
      throw new Error(`${file}: write a dynamic import of an SDK client as \`const { Name } = await import('@aws-sdk/client-…')\` (build/sdkImportsByName.mjs reads the names)`);
    }
    for (const match of understood) {
      const names = match[1].split(',').map((part) => part.trim()).filter(Boolean);
      for (const name of names) {
        if (!/^[A-Za-z_$][\w$]*(\s*:\s*[A-Za-z_$][\w$]*)?$/.test(name)) throw new Error(`${file}: cannot read the name '${name}' imported from ${match[3]}`);
      }
      const set = taken.get(match[3]) ?? new Set();
      for (const name of names) set.add(name.split(':')[0].trim());
      taken.set(match[3], set);
    }
  }
  return taken;
}

/** @param {string} srcDir the sources whose dynamic imports of SDK clients are read */
export function sdkImportsByName(srcDir) {
  return {
    name: 'sdk-imports-by-name',
    setup(b) {
      let taken = new Map();
      b.onStart(() => {
        taken = namesTaken(srcDir);
      });
      // `sdk-names:<package>` names the module itself, for a plugin that imports it (build/importGroups.mjs).
      b.onResolve({ filter: /^sdk-names:/ }, (args) => ({ path: args.path.slice('sdk-names:'.length), namespace: NAMESPACE }));
      b.onResolve({ filter: CLIENT_PACKAGE }, (args) =>
        args.kind === 'dynamic-import' && taken.has(args.path) ? { path: args.path, namespace: NAMESPACE } : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: `export { ${[...taken.get(args.path)].sort().join(', ')} } from ${JSON.stringify(args.path)};`,
        resolveDir: srcDir,
        loader: 'js',
      }));
    },
  };
}
