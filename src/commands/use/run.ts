// `use <name>`: the settings file's default setup name (not done yet: see the settings file's records).
import type { Context } from '../../cli/context.js';
import { notImplemented } from '../shared.js';
import type { UseOptions } from './spec.js';

export async function run(options: UseOptions, _ctx: Context): Promise<void> {
  throw notImplemented(`use ${options.name}`);
}
