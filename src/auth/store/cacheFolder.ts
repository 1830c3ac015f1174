// The cache folder's rules, for every file under it (tokens, discovery, JWKS, AWS credentials). It
// holds bearer tokens, so: a folder another user owns, or that anyone but us may write, is refused
// (whoever can write there can plant a token we would print, or swap a file for a symlink); our own
// is tightened to 0700; a file is read only if it is a regular file of ours, never through a
// symlink (O_NOFOLLOW); a write lands beside it and is renamed over the path, which replaces a
// planted symlink instead of writing through it.
//
// On the cached-token path these cost a stat, an open and an fstat: no module beyond node:fs.
import { chmodSync, closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { writePrivateFileAtomic } from '../../config/privateFile.js';
import { UsageError } from '../../errors.js';
import { cacheDir } from '../../config/paths.js';

/** The cache folder may not be used: its owner or mode lets someone else put files in it. */
export class CacheFolderError extends UsageError {}

const myUid = () => (typeof process.getuid === 'function' ? process.getuid() : undefined);

/**
 * Throws CacheFolderError when the folder is another user's or writable by group or others;
 * tightens our own to 0700. Absent: nothing to check (a write makes it 0700).
 */
export function checkCacheFolder(dir: string): boolean {
  let stats;
  try {
    stats = statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const uid = myUid();
  if (!stats.isDirectory()) throw new CacheFolderError(`the cache folder ${dir} is not a folder`);
  if (uid !== undefined && stats.uid !== uid) {
    throw new CacheFolderError(`the cache folder ${dir} belongs to another user (uid ${stats.uid}): mmbatch-auth will not keep or read tokens there`, {
      hint: 'remove it, or point XDG_CACHE_HOME at a folder of your own',
    });
  }
  if (stats.mode & 0o022) {
    throw new CacheFolderError(`the cache folder ${dir} may be written by others (mode ${(stats.mode & 0o777).toString(8)}): its tokens cannot be trusted`, {
      hint: `check what is in it, then remove it (mmbatch-auth makes a new one, 0700) or \`chmod 700 ${dir}\``,
    });
  }
  if (stats.mode & 0o077) chmodSync(dir, 0o700);
  return true;
}

/** A cache file's text, or undefined: absent, a symlink, not a regular file, or not ours (each a miss, never followed). */
export function readCacheFile(env: NodeJS.ProcessEnv, path: string): string | undefined {
  if (!checkCacheFolder(cacheDir(env))) return undefined;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ELOOP' || code === 'EMLINK') return undefined; // ELOOP: a symlink
    throw error;
  }
  try {
    const stats = fstatSync(fd);
    const uid = myUid();
    if (!stats.isFile() || (uid !== undefined && stats.uid !== uid) || stats.mode & 0o022) return undefined;
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** Writes a cache file atomically, 0600, in a 0700 folder; a symlink at the path is replaced, not followed. */
export function writeCacheFile(env: NodeJS.ProcessEnv, path: string, contents: string): void {
  const dir = cacheDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  checkCacheFolder(dir);
  writePrivateFileAtomic(path, contents, { followSymlink: false });
}
