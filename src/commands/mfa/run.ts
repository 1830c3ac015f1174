// `mfa enroll|status|disable` (not done yet).
import type { Context } from '../../cli/context.js';
import { notImplemented } from '../shared.js';
import type { MfaOptions } from './spec.js';

export const enroll = async (_options: MfaOptions, _ctx: Context): Promise<void> => {
  throw notImplemented('mfa enroll');
};
export const status = async (_options: MfaOptions, _ctx: Context): Promise<void> => {
  throw notImplemented('mfa status');
};
export const disable = async (_options: MfaOptions, _ctx: Context): Promise<void> => {
  throw notImplemented('mfa disable');
};
