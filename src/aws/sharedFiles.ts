// The AWS shared config and credentials files (AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE, else
// ~/.aws/config and ~/.aws/credentials), read for the names of their profiles and settings only,
// never the values: which profiles exist, and what a profile sets. No SDK: the lean sign-in reads them too.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The two files, as the SDK finds them. */
export function sharedFiles(env: NodeJS.ProcessEnv): { config: string; credentials: string } {
  const home = env.HOME || env.USERPROFILE || homedir();
  const expand = (file: string) => (file.startsWith('~/') ? join(home, file.slice(2)) : file);
  return {
    config: expand(env.AWS_CONFIG_FILE || join(home, '.aws', 'config')),
    credentials: expand(env.AWS_SHARED_CREDENTIALS_FILE || join(home, '.aws', 'credentials')),
  };
}

/**
 * Each profile of both files with the names of its settings (the SDK merges both files for its
 * settings). A file that cannot be read counts as empty, as in the SDK.
 */
export function sharedProfiles(env: NodeJS.ProcessEnv): Map<string, Set<string>> {
  const files = sharedFiles(env);
  const profiles = new Map<string, Set<string>>();
  const sources: [string, (section: string) => string | undefined][] = [
    [files.config, configSectionProfile],
    [files.credentials, (section) => section],
  ];
  for (const [file, profileOf] of sources) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    let keys: Set<string> | undefined;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.split(/(^|\s)[;#]/)[0].trim();
      if (line.startsWith('[') && line.endsWith(']')) {
        const profile = profileOf(line.slice(1, -1).trim());
        keys = profile === undefined ? undefined : (profiles.get(profile) ?? profiles.set(profile, new Set()).get(profile));
        continue;
      }
      const equals = line.indexOf('=');
      // Indented sub-settings (`s3 =` then `  endpoint_url = ...`) are counted too: cautious, never wrong.
      if (keys && equals > 0) keys.add(line.slice(0, equals).trim().toLowerCase());
    }
  }
  return profiles;
}

/** `[default]`, `[profile default]` and `[profile name]` in the config file; other sections are not profiles. */
function configSectionProfile(section: string): string | undefined {
  if (section === 'default') return 'default';
  const match = /^profile\s+(["']?)(.+)\1$/.exec(section);
  return match?.[2];
}
