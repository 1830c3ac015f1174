// dist/freshSignIn.cjs: the lean path (fresh.ts) with the SRP sign-in (signIn.ts), for a run with
// no usable refresh token and a password at hand.
import { printFreshToken as fresh, type FreshOutcome } from './fresh.js';
import { leanSignIn } from './signIn.js';
import { stdoutSink, type FastTarget } from './token.js';

export const printFreshToken = (argv: string[], target: FastTarget): Promise<FreshOutcome> => fresh(argv, target, process.env, stdoutSink, leanSignIn);
