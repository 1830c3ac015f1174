// The critical path of a run, from the stack's call log: the longest chain of calls in which each
// started only after the one before it had answered. Calls made at once overlap and never chain,
// so a stall on a busy machine can make a run slower but never longer; background calls that ran
// beside the chain (a race check) do not lengthen it. Give the stack a delay of a few tens of
// milliseconds so that calls made at once really overlap.

/**
 * @param {{ operation: string, start: number, end?: number, cli?: boolean }[]} calls
 * @param {{ cliOnly?: boolean }} [options]
 * @returns {string[]} the operations of one longest chain, in order
 */
export function criticalPath(calls, { cliOnly = true } = {}) {
  const chosen = calls.filter((call) => (!cliOnly || call.cli) && call.end !== undefined).sort((a, b) => a.start - b.start);
  /** @type {{ length: number, previous: number }[]} */
  const best = [];
  chosen.forEach((call, i) => {
    best[i] = { length: 1, previous: -1 };
    for (let j = 0; j < i; j++) {
      if (chosen[j].end <= call.start && best[j].length + 1 > best[i].length) best[i] = { length: best[j].length + 1, previous: j };
    }
  });
  let last = best.reduce((top, entry, i) => (entry.length > (best[top]?.length ?? 0) ? i : top), 0);
  const chain = [];
  while (last >= 0 && chosen[last]) {
    chain.unshift(chosen[last].operation);
    last = best[last].previous;
  }
  return chain;
}
