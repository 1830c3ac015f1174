// The one read of the settings file on the fast path: the pool, client, region, server and admin
// of the setup --name (or MMBATCH_AUTH_NAME, the default, the only one) selects. Never throws:
// undefined means "let the full CLI decide" (an unreadable, untrusted or unexpected file, several
// setups and no choice).
import { readFileIfExists, untrustedFile } from '../config/privateFile.js';
import { settingsPath } from '../config/paths.js';
import { parseSettings } from '../config/settingsDocument.js';
import { selectSetupName } from '../config/selection.js';
import { recordedView } from '../config/recorded.js';
import type { RecordedTarget } from '../auth/target.js';

export function recordedTarget(config: string | undefined, name: string | undefined, env: NodeJS.ProcessEnv): RecordedTarget | undefined {
  try {
    const path = settingsPath(config, env);
    if (untrustedFile(path)) return undefined; // others may write it: the full CLI refuses it, and says why
    const text = readFileIfExists(path);
    const document = text === undefined ? { version: 2 as const, setups: {} } : parseSettings(text, path);
    const selected = selectSetupName(document, name, env, path);
    return recordedView(selected.name, document.setups[selected.name]);
  } catch {
    return undefined;
  }
}
