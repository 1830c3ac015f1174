// `aws-credentials` (not done yet).
import type { Context } from '../../cli/context.js';
import { notImplemented } from '../shared.js';
import type { AwsCredentialsOptions } from './spec.js';

export async function run(_options: AwsCredentialsOptions, _ctx: Context): Promise<void> {
  throw notImplemented('aws-credentials');
}
