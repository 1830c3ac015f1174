// The package bundles its dependencies, so it must carry their licences: MIT and ISC ask that the
// copyright and permission notice go with every copy, Apache-2.0 that the licence text does (and a
// NOTICE file's attributions, where a package has one). This writes one file listing every package
// that has code in dist/ (from esbuild's metafiles), each licence text once: the packages sharing a
// text are named above it, and Apache-2.0 packages whose text is the package's own LICENSE point there.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt|mit))?$|^licen[cs]e-mit(\.txt)?$/i;
const NOTICE_FILE = /^notice(\.(md|txt))?$/i;
const normalize = (text) => text.replace(/\r\n/g, '\n').trim();

/**
 * Apache-2.0 texts differ only in layout and in the appendix's example notice, which packages fill
 * in with their copyright line: the terms (up to END OF TERMS AND CONDITIONS), whitespace aside.
 */
const apacheTerms = (text) => {
  const start = text.indexOf('TERMS AND CONDITIONS FOR USE');
  const end = text.indexOf('END OF TERMS AND CONDITIONS');
  return start < 0 ? undefined : text.slice(start, end < 0 ? undefined : end).replace(/\s+/g, ' ').trim();
};
/** The copyright lines a package wrote into its Apache-2.0 text, after the terms. */
const copyrightLines = (text) =>
  text
    .slice(Math.max(0, text.indexOf('END OF TERMS AND CONDITIONS')))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^Copyright\s/.test(line) && !line.includes('[yyyy]'));

/** The package directory of every bundled input that put bytes into an output. */
function bundledPackageDirs(metafiles) {
  const dirs = new Set();
  for (const metafile of metafiles) {
    for (const output of Object.values(metafile.outputs)) {
      for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
        if (!bytesInOutput) continue;
        const dir = /^(?:[^:]*:)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1];
        if (dir) dirs.add(dir);
      }
    }
  }
  return [...dirs];
}

/**
 * @param {object[]} metafiles esbuild's metafiles of every bundle in dist/
 * @param {string} root the project root (its LICENSE is the Apache-2.0 text)
 * @returns {string} the file's text
 */
export function thirdPartyLicenses(metafiles, root) {
  const ownTerms = apacheTerms(readFileSync(join(root, 'LICENSE'), 'utf8'));
  /** licence text → the packages under it */
  const byText = new Map();
  const underOwnLicense = [];
  const notices = [];
  for (const dir of [...new Set(bundledPackageDirs(metafiles).map((dir) => resolve(root, dir)))].sort()) {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const license = typeof manifest.license === 'string' ? manifest.license : manifest.license?.type ?? 'see its repository';
    const label = `${manifest.name}@${manifest.version} (${license})`;
    const files = readdirSync(dir);
    const licenseFile = files.find((file) => LICENSE_FILE.test(file));
    const text = licenseFile ? normalize(readFileSync(join(dir, licenseFile), 'utf8')) : undefined;
    const noticeFile = files.find((file) => NOTICE_FILE.test(file));
    if (noticeFile) notices.push(`${label}:\n\n${normalize(readFileSync(join(dir, noticeFile), 'utf8'))}`);
    if (text ? apacheTerms(text) === ownTerms : license === 'Apache-2.0') {
      const copyrights = text ? copyrightLines(text) : [];
      underOwnLicense.push(copyrights.length ? `${label}: ${copyrights.join('; ')}` : label);
    } else if (text) {
      byText.set(text, [...(byText.get(text) ?? []), label]);
    } else {
      throw new Error(`${manifest.name} has no licence file and is not Apache-2.0: its licence text must be found before it is bundled`);
    }
  }
  const rule = '-'.repeat(72);
  return [
    'mmbatch-auth bundles code from the packages below into dist/. Their licences follow.',
    '',
    rule,
    'Under the Apache License, Version 2.0, whose text is in this package\'s LICENSE file:',
    '',
    ...underOwnLicense.map((label) => `  ${label}`),
    ...notices.flatMap((notice) => ['', rule, `NOTICE of ${notice}`]),
    ...[...byText].flatMap(([text, labels]) => ['', rule, ...labels, '', text]),
    '',
  ].join('\n');
}
