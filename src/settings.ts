// The settings file records what setup created and chose, step by step, so an interrupted run
// resumes without duplicates and `token`, `status` and `teardown` know what to work on.
import { UsageError } from './errors.js';
import { readFileIfExists, writePrivateFileAtomic } from './atomicFile.js';

export interface Settings {
  version: 1;
  region?: string;
  name?: string;
  userPoolId?: string;
  clientId?: string;
  adminGroup?: string;
  adminUsername?: string;
  identityPoolId?: string;
  roleArn?: string;
  /** True when this tool created the role (teardown deletes only what it created). */
  roleCreatedByTool?: boolean;
  authFlows?: string[];
  serverUrl?: string;
  /** IDs of resources this tool created, so teardown never deletes anything else. */
  created?: Partial<Record<'userPool' | 'appClient' | 'adminGroup' | 'adminUser' | 'identityPool' | 'iamRole', string>>;
}

export class SettingsStore {
  private current: Settings | undefined;

  constructor(readonly path: string) {}

  load(): Settings {
    if (this.current) return this.current;
    const text = readFileIfExists(this.path);
    if (text === undefined) {
      this.current = { version: 1 };
      return this.current;
    }
    try {
      const parsed = JSON.parse(text) as Settings;
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      this.current = { ...parsed, version: 1 };
      return this.current;
    } catch {
      throw new UsageError(`the settings file ${this.path} is not valid JSON`, {
        hint: 'fix or delete it, or point --config at another file',
      });
    }
  }

  /** Merges the patch and writes the file at once: each finished step is recorded before the next starts. */
  update(patch: Partial<Settings>): Settings {
    const next: Settings = { ...this.load(), ...patch, version: 1 };
    if (patch.created) next.created = { ...this.load().created, ...patch.created };
    this.current = next;
    writePrivateFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }

  /** Forgets resources (teardown). */
  forget(keys: (keyof Settings)[], createdKeys: (keyof NonNullable<Settings['created']>)[] = []): Settings {
    const next: Settings = { ...this.load() };
    for (const key of keys) delete next[key];
    if (next.created) {
      next.created = { ...next.created };
      for (const key of createdKeys) delete next.created[key];
    }
    this.current = next;
    writePrivateFileAtomic(this.path, `${JSON.stringify(next, null, 2)}\n`);
    return next;
  }
}
