// One setup's record, as a run sees it: read it, record each finished step at once, forget what
// is gone. A dry run gets a handle that reads and never writes. Also: what the other setups in the
// same file own, which this one must never touch.
import type { Origin, RecordedKind, ResourceRef, SettingsFile, SetupRecord } from './settings.js';

export class SetupRecordHandle {
  constructor(
    private readonly file: SettingsFile,
    readonly name: string,
    private readonly writable: boolean,
  ) {}

  /** The same record, never written (dry runs, status, commands on resources no setup records). */
  readOnly(): SetupRecordHandle {
    return new SetupRecordHandle(this.file, this.name, false);
  }

  get settingsPath(): string {
    return this.file.path;
  }

  get(): SetupRecord {
    return this.file.record(this.name) ?? { resources: {} };
  }

  exists(): boolean {
    return this.file.record(this.name) !== undefined;
  }

  resource(kind: RecordedKind): ResourceRef | undefined {
    return this.get().resources[kind];
  }

  update(patch: Partial<Omit<SetupRecord, 'resources'>>): void {
    if (!this.writable) return;
    this.file.changeRecord(this.name, (record) => {
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) delete (record as unknown as Record<string, unknown>)[key];
        else (record as unknown as Record<string, unknown>)[key] = value;
      }
    });
  }

  setResource(kind: RecordedKind, id: string, origin: Origin, extra: Partial<ResourceRef> = {}): void {
    if (!this.writable) return;
    this.file.changeRecord(this.name, (record) => {
      record.resources[kind] = { id, origin, ...extra };
    });
  }

  markSettled(kind: RecordedKind): void {
    if (!this.writable) return;
    this.file.changeRecord(this.name, (record) => {
      const ref = record.resources[kind];
      if (ref) ref.settled = true;
    });
  }

  forget(...kinds: RecordedKind[]): void {
    if (!this.writable || !this.exists()) return;
    this.file.changeRecord(this.name, (record) => {
      for (const kind of kinds) delete record.resources[kind];
    });
  }

  /** Teardown is done: the record goes, with the default if it was this one. */
  remove(): void {
    if (this.writable && this.exists()) this.file.removeRecord(this.name);
  }
}

/** The kinds one setup owns outright (groups and users live inside their pool; a reused role belongs to nobody). */
const OWNED_KINDS: RecordedKind[] = ['userPool', 'appClient', 'identityPool', 'iamRole'];

/** Every resource ID another setup's record owns (created or adopted), with that setup's name. */
export function ownedByOtherSetups(file: SettingsFile, name: string): Map<string, string> {
  const owned = new Map<string, string>();
  for (const [other, record] of Object.entries(file.read().setups)) {
    if (other === name) continue;
    for (const kind of OWNED_KINDS) {
      const ref = record.resources[kind];
      if (ref?.id && ref.origin !== 'reused') owned.set(ref.id, other);
    }
  }
  return owned;
}
