// Prints the closing line CI reads: "N passed, N failed" (jest's own summary is not read). The
// suite-wide secrets check over every CLI run's output counts as one more check in that line.
const { findLeaks } = require('./transcript-secrets.cjs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    let passed = results.numPassedTests;
    let failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const { runs, leaks } = findLeaks(process.env.MMBATCH_AUTH_TEST_TRANSCRIPT);
    if (runs > 0) {
      if (leaks.length) {
        failed += 1;
        this.error = new Error(`secrets leaked in CLI output:\n  ${leaks.join('\n  ')}`);
        process.stdout.write(`\n✕ suite-wide secrets check: ${leaks.length} leak(s) in ${runs} CLI runs\n  ${leaks.join('\n  ')}\n`);
      } else {
        passed += 1;
        process.stdout.write(`\n✓ suite-wide secrets check: no password, AWS secret key or stray token in the output of ${runs} CLI runs\n`);
      }
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }

  /** A leak fails the run (jest's exit code) even though no single test failed. */
  getLastError() {
    return this.error;
  }
}
module.exports = SummaryReporter;
