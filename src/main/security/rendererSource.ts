import { APP_ENTRY_URL, type TrustedOrigins } from './origin';

export interface RendererSource {
  /** What the main window loads first. */
  entryUrl: string;
  trusted: TrustedOrigins;
  isDev: boolean;
}

/**
 * The packaged app always loads its own bundle: honouring ELECTRON_RENDERER_URL there would let
 * anyone who can set an environment variable point the archive's window (and its IPC) at their server.
 */
export function resolveRendererSource(isPackaged: boolean, env: Record<string, string | undefined>): RendererSource {
  const devServerUrl = isPackaged ? undefined : env.ELECTRON_RENDERER_URL;
  if (devServerUrl && isLoopbackHttpUrl(devServerUrl)) {
    return { entryUrl: devServerUrl, trusted: { devServerUrl }, isDev: true };
  }
  return { entryUrl: APP_ENTRY_URL, trusted: { devServerUrl: null }, isDev: !isPackaged };
}

/** The dev server is electron-vite's own, on this machine; anything else is refused even in development. */
function isLoopbackHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
      ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname)
    );
  } catch {
    return false;
  }
}
