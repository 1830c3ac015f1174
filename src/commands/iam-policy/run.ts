// `iam-policy` (not done yet).
import type { Context } from '../../cli/context.js';
import { notImplemented } from '../shared.js';
import type { IamPolicyOptions } from './spec.js';

export async function run(_options: IamPolicyOptions, _ctx: Context): Promise<void> {
  throw notImplemented('iam-policy');
}
