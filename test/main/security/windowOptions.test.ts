import { describe, expect, it } from 'vitest';
import { mainWindowOptions, WINDOW_TITLE } from '../../../src/main/security/windowOptions';

const input = { preloadPath: '/app/out/preload/index.cjs', partition: 'persist:workstation', isDev: false };

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer', () => {
    const { webPreferences } = mainWindowOptions(input);
    expect(webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      partition: 'persist:workstation',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      plugins: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('opens devtools only in development', () => {
    expect(mainWindowOptions(input).webPreferences.devTools).toBe(false);
    expect(mainWindowOptions({ ...input, isDev: true }).webPreferences.devTools).toBe(true);
  });

  it('has the Chinese title and waits to be shown', () => {
    const options = mainWindowOptions(input);
    expect(options.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('执法案卷归档工作站');
    expect(options.show).toBe(false);
  });

  it('sets the icon only when given one', () => {
    expect('icon' in mainWindowOptions(input)).toBe(false);
    expect(mainWindowOptions({ ...input, iconPath: '/app/icon.png' }).icon).toBe('/app/icon.png');
  });
});
