// Prints the closing line CI reads: "N passed, N failed" (jest's own summary is not read). The
// suite-wide checks count as one more check each in that line: the secrets check over every CLI
// run's output, and the IAM check of every AWS action the CLI called against the policies.
const { findLeaks } = require('./transcript-secrets.cjs');
const { checkIamActions } = require('./iam-actions.cjs');

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
    // Only a whole run saw every command: a run of a few files checks nothing here.
    const whole = results.numTotalTestSuites >= 30;
    const iam = whole ? checkIamActions(process.env.MMBATCH_AUTH_TEST_AWS_ACTIONS) : { calls: 0, problems: [] };
    if (iam.calls > 0) {
      if (iam.problems.length) {
        failed += 1;
        this.error ??= new Error(`IAM policy check:\n  ${iam.problems.join('\n  ')}`);
        process.stdout.write(`\n✕ suite-wide IAM check: ${iam.problems.length} problem(s) in ${iam.calls} AWS calls of the CLI\n  ${iam.problems.join('\n  ')}\n`);
      } else {
        passed += 1;
        process.stdout.write(`\n✓ suite-wide IAM check: the README's policy and \`iam-policy <command>\` cover all ${iam.calls} AWS calls the CLI made\n`);
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
