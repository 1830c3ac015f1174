// config/: what the tool keeps on disk — the settings file (one record per setup name), its
// locks, where files live (XDG), and the names and tags it gives AWS resources.
//
// This file: settings and cache files hold IDs and tokens, so they are written atomically (temp
// file + rename: a crash or a concurrent writer never leaves half a file) and privately (0600 in a
// 0700 folder). A settings file that is a symlink (dotfiles repositories) stays one: the write goes
// to the link's target, never replaces the link with a plain file.
import { chmodSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** A short random suffix without loading node:crypto (the cached-token path never writes, but imports this). */
const tempSuffix = () => `${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

/** Where a write really lands: the final target of a symlink chain, or the path itself. */
function writeTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path; // new file (or a dangling link: recreate at the path)
    throw error;
  }
}

/**
 * followSymlink false (the token cache): a symlink at the path is replaced by the new file (rename
 * replaces the link itself), never written through.
 */
export function writePrivateFileAtomic(path: string, contents: string | Uint8Array, { followSymlink = true }: { followSymlink?: boolean } = {}): void {
  const target = followSymlink ? writeTarget(path) : path;
  const dir = dirname(target);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${target}.${tempSuffix()}.tmp`;
  try {
    writeFileSync(temp, contents, { mode: 0o600, flag: 'wx' });
    chmodSync(temp, 0o600); // the umask may have narrowed the mode; never widened, but be exact
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // the temp file may never have been created
    }
    throw error;
  }
}

/** The file's text, or undefined when it does not exist. */
export function readFileIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Who else may have written a file: its owner, its mode, or its folder's (after symlinks). */
export type Untrusted = { by: 'owner' | 'mode'; mode: number; uid: number } | { by: 'folder'; dir: string; mode: number };

/**
 * Why a file may have been written by someone other than us (or root), or undefined when it may
 * not (or does not exist): another owner; writable by group or others; in a folder another may
 * write to (who can replace the file), unless it has the sticky bit (/tmp) or the group that may
 * write is our own primary group (one private group per user, umask 002). Stats only: the cached
 * token path runs this too.
 */
export function untrustedFile(path: string): Untrusted | undefined {
  const uid = process.getuid?.();
  let file;
  try {
    file = statSync(path);
  } catch {
    return undefined; // absent (or unreadable: the read says why)
  }
  if (uid === undefined || file.isDirectory()) return undefined;
  if (file.uid !== uid && file.uid !== 0) return { by: 'owner', mode: file.mode, uid: file.uid };
  if (file.mode & 0o022) return { by: 'mode', mode: file.mode, uid: file.uid };
  const dir = dirname(lstatSync(path).isSymbolicLink() ? realpathSync(path) : path);
  const folder = statSync(dir);
  const othersWrite = folder.mode & 0o002 || (folder.mode & 0o020 && folder.gid !== process.getgid?.());
  if ((folder.uid !== uid && folder.uid !== 0) || (othersWrite && !(folder.mode & 0o1000))) return { by: 'folder', dir, mode: folder.mode };
  return undefined;
}
