// The setup a command works on: its name (selection.ts), its record (read and, outside a dry run,
// written) and the flat view of it that the sign-in side reads.
import { UsageError } from '../errors.js';
import { recordedView, type RecordedView } from './recorded.js';
import { selectSetupName, type NameSource } from './selection.js';
import type { SettingsFile } from './settings.js';
import { SetupRecordHandle } from './setupRecord.js';

export interface SelectedSetup {
  name: string;
  source: NameSource;
  record: SetupRecordHandle;
  view: RecordedView;
}

export function selectSetup(file: SettingsFile, nameFlag: string | undefined, env: NodeJS.ProcessEnv, writable: boolean): SelectedSetup {
  const { name, source } = selectSetupName(file.read(), nameFlag, env, file.path);
  return { name, source, record: new SetupRecordHandle(file, name, writable), view: recordedView(name, file.record(name)) };
}

/**
 * For commands that can work without a record (token with --user-pool-id and --client-id): the
 * selected setup when the choice is clear, else none rather than an error.
 */
export function selectSetupIfClear(file: SettingsFile, nameFlag: string | undefined, env: NodeJS.ProcessEnv): SelectedSetup | undefined {
  file.read(); // a file that cannot be read or believed is an error of its own, not an unclear choice
  try {
    return selectSetup(file, nameFlag, env, false);
  } catch (error) {
    if ((error as UsageError).exitCode === 2 && nameFlag === undefined && !env.MMBATCH_AUTH_NAME) return undefined;
    throw error;
  }
}

/** A setup lives in one region: a command run against another would find nothing of it, or make a twin. */
export function requireSameRegion(selected: SelectedSetup, region: string): void {
  const { view } = selected;
  if (view.region && view.region !== region && (view.userPoolId || view.identityPoolId)) {
    throw new UsageError(`the setup '${selected.name}' is in ${view.region}, not ${region}`, {
      hint: `pass --region ${view.region}, or another --name for a setup in ${region}`,
    });
  }
}

/** Stands for "no setup": a command on resources no record names (it reads every record, writes none). */
export const NO_SETUP = '';

/**
 * For a command given resources by ID (`self-signup disable --user-pool-id X`) and no name: the
 * setup whose record owns one of them, else the usual choice, else — several setups and none named —
 * no setup at all rather than an error: the command then works on what it was given and records nothing.
 */
export function selectSetupOwning(file: SettingsFile, nameFlag: string | undefined, env: NodeJS.ProcessEnv, ids: (string | undefined)[], writable: boolean): SelectedSetup {
  const given = ids.filter((id): id is string => Boolean(id));
  if (nameFlag === undefined && !env.MMBATCH_AUTH_NAME && given.length) {
    const owner = Object.entries(file.read().setups).find(([, record]) => Object.values(record.resources).some((ref) => ref && given.includes(ref.id)));
    if (owner) return { name: owner[0], source: 'flag', record: new SetupRecordHandle(file, owner[0], writable), view: recordedView(owner[0], owner[1]) };
    const clear = selectSetupIfClear(file, undefined, env);
    if (clear) return { ...clear, record: new SetupRecordHandle(file, clear.name, writable) };
    return { name: NO_SETUP, source: 'fallback', record: new SetupRecordHandle(file, NO_SETUP, false), view: recordedView(NO_SETUP, undefined) };
  }
  return selectSetup(file, nameFlag, env, writable);
}
