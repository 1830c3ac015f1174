// A run's physical limit, from the stack's call log: the longest chain of AWS calls each of which
// started after the one before ended, weighted by how long each call took (the 50 ms delay plus
// the emulator's own time). No client can finish sooner than node's start plus that chain.
import { dependentRounds } from '../../test/support/gateway/call-log.mjs';

/** @param {{ start: number, end?: number, cli?: boolean }[]} calls @returns {number} ms */
export function longestChainMs(calls) {
  const chosen = calls.filter((call) => call.cli && call.end !== undefined).sort((a, b) => a.start - b.start);
  const best = chosen.map(() => 0);
  chosen.forEach((call, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) if (chosen[j].end <= call.start) before = Math.max(before, best[j]);
    best[i] = before + (call.end - call.start);
  });
  return Math.max(0, ...best);
}

/** The CLI's dependent rounds of AWS calls (test/support/gateway/call-log.mjs). */
export const roundsOf = (calls) => dependentRounds(calls, { cliOnly: true });
