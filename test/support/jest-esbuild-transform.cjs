// A minimal jest transformer: esbuild turns ESM TypeScript/JavaScript into CommonJS for jest's module system.
const { transformSync } = require('esbuild');
module.exports = {
  process(source, filename) {
    const result = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      // import.meta.url has no CommonJS twin; give it the file's URL.
      define: { 'import.meta.url': '__importMetaUrl' },
      banner: 'const __importMetaUrl = require("node:url").pathToFileURL(__filename).href;',
    });
    return { code: result.code };
  },
};
