// Fewer files in dist/: esbuild's code splitting makes one chunk per distinct set of dynamic-import
// targets that reach a module, so forty-odd targets (every command's run, the lazy parts of the
// CLI, the SDK's credential providers) made over a hundred chunks, most under 4 KiB, and every file
// costs a whole 4 KiB block on disk (and a module to resolve and link when loaded). Targets that are
// loaded together anyway, or whose code is nearly all shared, are made one target here: each literal
// `import('x')` of a member becomes `import('<group>').then((group) => group.<member>)`, and the group
// is one module re-exporting every member's namespace. Nothing else changes: a member still loads
// only when its import() runs, with the same exports; it just brings its group along.
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

const NAMESPACE = 'import-group';
/** A literal dynamic import; `typeof import('x')` (a TypeScript type) is not one. */
const DYNAMIC_IMPORT = /(?<!typeof\s+)\bimport\(\s*(["'])([^"'`]+)\1\s*\)/g;

/**
 * @param {Record<string, string[]>} groups group name → its members, each a path from the project
 *   root (`src/commands/setup/run.ts`) or a package specifier (`@aws-sdk/credential-provider-ini`)
 * @param {string} root the project root
 */
export function importGroups(groups, root) {
  return {
    name: 'import-groups',
    setup(b) {
      /** resolved namespace:path → { group, key } */
      const members = new Map();
      /** group → what its module imports for each member, in order */
      const resolvedGroups = new Map();
      b.onStart(async () => {
        members.clear();
        resolvedGroups.clear();
        for (const [group, specifiers] of Object.entries(groups)) {
          const paths = [];
          for (const specifier of specifiers) {
            const resolved = await b.resolve(/^(src|node_modules)\//.test(specifier) ? `./${specifier}` : specifier, { resolveDir: root, kind: 'dynamic-import' });
            if (resolved.errors.length || !resolved.path) throw new Error(`import group ${group}: cannot resolve ${specifier}`);
            const id = `${resolved.namespace}:${resolved.path}`;
            if (members.has(id)) throw new Error(`import group ${group}: ${specifier} is already in ${members.get(id).group}`);
            members.set(id, { group, key: `m${paths.length}` });
            // Another plugin's module is named `<namespace>:<path>`, which that plugin answers.
            paths.push(resolved.namespace === 'file' ? resolved.path : id);
          }
          resolvedGroups.set(group, paths);
        }
      });

      b.onResolve({ filter: /^import-group:/ }, (args) => ({ path: args.path.slice('import-group:'.length), namespace: NAMESPACE }));
      b.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: resolvedGroups
          .get(args.path)
          .map((path, index) => `export * as m${index} from ${JSON.stringify(path)};`)
          .join('\n'),
        resolveDir: root,
        loader: 'js',
      }));

      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        if (args.namespace !== 'file') return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import(')) return undefined;
        const replacements = [];
        for (const match of source.matchAll(DYNAMIC_IMPORT)) {
          const resolved = await b.resolve(match[2], { importer: args.path, resolveDir: dirname(args.path), kind: 'dynamic-import' });
          const member = members.get(`${resolved.namespace}:${resolved.path}`);
          if (member) replacements.push({ at: match.index, length: match[0].length, text: `import("import-group:${member.group}").then((group) => group.${member.key})` });
        }
        if (!replacements.length) return undefined;
        let contents = source;
        for (const { at, length, text } of replacements.reverse()) contents = contents.slice(0, at) + text + contents.slice(at + length);
        return { contents, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
