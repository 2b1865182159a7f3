import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'dossier-workstation';

/**
 * The data folder shared by the app and the CLI, so that both see one archive. `DOSSIER_DATA`
 * overrides it. Electron's own userData path is not used because the CLI cannot know it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DOSSIER_DATA) return path.resolve(env.DOSSIER_DATA);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), APP_FOLDER);
}
