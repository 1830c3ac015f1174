// The settings file: one record per setup name. A record says which resources that setup uses and
// how it came by each (created, adopted, reused), the choices it made (admin, group, auth flows)
// and its server. Each finished step is written at once, so an interrupted run resumes without
// duplicates, and `token`, `status` and `teardown` know what to work on. A command only ever reads
// and writes its own name's record.
//
// Writes re-read the file under a short lock and change only their own record: two runs of
// different names sharing one file never lose each other's steps. A file from before setup names
// (version 1, one unnamed record) is read as a record named after its `name` (else "mmbatch") and
// rewritten in the new form on the first write.
import { UsageError } from '../errors.js';
import { acquireLockWaiting } from './lock.js';
import { readFileIfExists, untrustedFile, writePrivateFileAtomic } from './privateFile.js';
import { emptyDocument, parseSettings, type SettingsDocument, type SetupRecord } from './settingsDocument.js';

export type { Origin, RecordedKind, ResourceRef, ServerRecord, SettingsDocument, SetupRecord } from './settingsDocument.js';

/** The settings file may not be believed: someone other than its owner may write it, or replace it. */
export class SettingsFileTrustError extends UsageError {}

/**
 * Its records decide where the admin's bearer token is sent (a setup's server, its pinned
 * certificate) and which pools are a setup's: a file anyone else may have written is refused, as
 * the token cache folder is, before a word of it is believed.
 */
function refuseUntrusted(path: string): void {
  const why = untrustedFile(path);
  if (!why) return;
  const mode = (why.mode & 0o777).toString(8);
  if (why.by === 'folder') {
    throw new SettingsFileTrustError(`the folder of the settings file ${path} may be written by others (mode ${mode}): whoever can write there can replace the file`, {
      hint: `check the file, then \`chmod 700 ${why.dir}\` (or keep the file in a folder of your own)`,
    });
  }
  if (why.by === 'owner') throw new SettingsFileTrustError(`the settings file ${path} belongs to another user (uid ${why.uid}): its servers and pools cannot be trusted`, { hint: 'use a settings file of your own (--config or MMBATCH_AUTH_CONFIG)' });
  throw new SettingsFileTrustError(`the settings file ${path} may be written by others (mode ${mode}): its servers and pools cannot be trusted`, { hint: `check what is in it, then \`chmod 600 ${path}\`` });
}

function readText(path: string): string | undefined {
  refuseUntrusted(path);
  try {
    return readFileIfExists(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new UsageError(`the settings file ${path} is a folder`, { hint: 'point --config (or MMBATCH_AUTH_CONFIG) at a file' });
    if (code === 'EACCES' || code === 'EPERM') throw new UsageError(`cannot read the settings file ${path}: permission denied`);
    throw new UsageError(`cannot read the settings file ${path}: ${code ?? (error as Error).message}`);
  }
}

export class SettingsFile {
  private cached?: SettingsDocument;

  constructor(readonly path: string) {}

  /** The document as it was when first read in this run (commands read once; writes re-read). */
  read(): SettingsDocument {
    if (this.cached) return this.cached;
    const text = readText(this.path);
    this.cached = text === undefined ? emptyDocument() : parseSettings(text, this.path);
    return this.cached;
  }

  names(): string[] {
    return Object.keys(this.read().setups).sort();
  }

  record(name: string): SetupRecord | undefined {
    return this.read().setups[name];
  }

  /**
   * Changes the file under its write lock, on a fresh read: another run may have written another
   * setup's record since this one read the file.
   */
  change(mutate: (document: SettingsDocument) => void): SettingsDocument {
    const lock = acquireLockWaiting(`${this.path}.lock`, 'settings write', `the settings file ${this.path}`);
    try {
      const text = readText(this.path);
      const document = text === undefined ? emptyDocument() : parseSettings(text, this.path);
      mutate(document);
      writePrivateFileAtomic(this.path, `${JSON.stringify(document, null, 2)}\n`);
      this.cached = document;
      return document;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EACCES' || (error as NodeJS.ErrnoException).code === 'EPERM') {
        throw new UsageError(`cannot write the settings file ${this.path}: permission denied`);
      }
      throw error;
    } finally {
      lock.release();
    }
  }

  /** Changes one setup's record (creating it when new). */
  changeRecord(name: string, mutate: (record: SetupRecord) => void): SetupRecord {
    const document = this.change((doc) => {
      const record = (doc.setups[name] ??= { resources: {} });
      mutate(record);
    });
    return document.setups[name];
  }

  /** Forgets a whole setup (teardown, once everything it recorded is gone). */
  removeRecord(name: string): void {
    this.change((doc) => {
      delete doc.setups[name];
      if (doc.default === name) delete doc.default;
    });
  }

  setDefault(name: string): void {
    this.change((doc) => {
      doc.default = name;
    });
  }
}
