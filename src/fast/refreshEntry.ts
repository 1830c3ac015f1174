// dist/freshToken.cjs: the lean path that renews by the refresh token (fresh.ts), without the SRP maths.
import { printFreshToken as fresh, type FreshOutcome } from './fresh.js';
import type { FastTarget } from './token.js';

export const printFreshToken = (argv: string[], target: FastTarget): Promise<FreshOutcome> => fresh(argv, target);
