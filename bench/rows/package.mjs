// What `npx mmbatch-auth` downloads and installs: the packed package, installed into an empty
// project (the context did it before any row ran; every row runs that installed copy).
/** @param {import('../lib/context.mjs').BenchContext} ctx */
export default async function run(ctx) {
  const { pkg, report } = ctx;
  const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
  const MAX_BYTES = 1.0 * 1024 * 1024;
  report.value('installed package', {
    ours: `${pkg.packages} package${pkg.packages === 1 ? '' : 's'}, ${mib(pkg.disk)} on disk (${mib(pkg.bytes)} in files; tarball ${(pkg.tarballBytes / 1024).toFixed(0)} KiB)`,
    baseline: '53 packages, 29 MB (the unbundled dependencies, issue 5)',
    goal: '≤ 1.0 MiB, one package',
    pass: pkg.packages === 1 && pkg.disk <= MAX_BYTES,
  });
}
