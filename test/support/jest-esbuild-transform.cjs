// A minimal jest transformer: esbuild turns ESM TypeScript/JavaScript into CommonJS for jest's module system.
const { transformSync } = require('esbuild');
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');

// Jest caches by the source alone unless told more: a change to this file must redo every file.
const OWN_SOURCE = readFileSync(__filename);

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(OWN_SOURCE).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      // import.meta.url has no CommonJS twin; give it the file's URL.
      define: { 'import.meta.url': '__importMetaUrl' },
      // jest's module system has no import(); the sources load commander and commands on demand with it.
      supported: { 'dynamic-import': false },
      banner: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    });
    return { code: result.code };
  },
};
