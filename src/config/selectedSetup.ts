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
