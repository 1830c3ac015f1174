// Which files of the bundle a command loads before it runs: the closure of an entry module's static
// imports (and a CommonJS launcher's requires). Dynamic import() edges are left out, which is the
// point: `--help` must reach no AWS SDK code, and any SDK chunk in this closure is parsed on every run.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const STATIC_IMPORT = /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
/** A CommonJS launcher's require() of a file of its own (bin/mmbatch-auth.cjs). */
const RELATIVE_REQUIRE = /\brequire\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** @returns {{ files: string[], bytes: number }} */
export function staticClosure(/** @type {string[]} */ entries) {
  const seen = new Set();
  const queue = entries.map((entry) => resolve(entry));
  let bytes = 0;
  while (queue.length) {
    const file = queue.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    bytes += Buffer.byteLength(text);
    for (const match of [...text.matchAll(STATIC_IMPORT), ...text.matchAll(RELATIVE_REQUIRE)]) queue.push(resolve(dirname(file), match[1]));
  }
  return { files: [...seen], bytes };
}

/** True when any of the files carries AWS SDK code (its client and middleware names survive minifying). */
export function containsAwsSdk(/** @type {string[]} */ files) {
  return files.some((file) => /CognitoIdentityProviderClient|@aws-sdk\/|aws-sdk-js/.test(readFileSync(file, 'utf8')));
}
