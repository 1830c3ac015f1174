// Counts the sequential AWS calls of a run from the stack's call log. With every call delayed by
// `delayMs`, a call that had to wait for another arrives at least delayMs after it, while calls
// made at once arrive within a few milliseconds: each group is one step of the critical path.

/**
 * @param {{ operation: string, at: number }[]} calls in arrival order
 * @param {number} delayMs the delay the stack applied to every call
 * @returns {string[][]} the operations of each sequential step
 */
export function sequentialWaves(calls, delayMs) {
  const waves = [];
  let start = -Infinity;
  for (const call of [...calls].sort((a, b) => a.at - b.at)) {
    if (call.at - start >= delayMs / 2) {
      waves.push([]);
      start = call.at;
    }
    waves.at(-1).push(call.operation);
  }
  return waves;
}
