// dist/freshToken.cjs: the lean path that renews by the refresh token (fresh.ts), without the SRP maths.
import { printFreshToken as fresh, type FreshOutcome } from './fresh.js';

export const printFreshToken = (argv: string[]): Promise<FreshOutcome> => fresh(argv);
