import type { Session } from 'electron';
import { cspFor, withCsp } from './security/csp';
import { isPermissionGranted } from './security/permissions';
import type { TrustedOrigins } from './security/origin';
import { APP_ORIGIN } from './security/origin';
import { FILES_PREFIX } from './security/appPath';
import { isDownloadUrl } from './files/fileResponse';

/**
 * Deny-by-default settings for a window's session. The CSP is also sent by the app protocol itself;
 * setting it here as well covers the dev server, whose responses we do not write.
 */
export function hardenSession(ses: Session, trusted: TrustedOrigins, log: (message: string) => void): void {
  ses.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const granted = isPermissionGranted(permission, details.requestingUrl ?? '', trusted);
    if (!granted) log(`denied permission ${permission} for ${details.requestingUrl ?? 'unknown'}`);
    callback(granted);
  });
  ses.setPermissionCheckHandler((_webContents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, trusted),
  );
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback(null));

  // Files leave the archive only through the core, where grants and the audit log apply: a stored
  // file asked for with ?download=1 was served only after the core allowed it as an export
  // (appProtocol.ts, access/fileAccess.ts); Electron then asks where to save it. Anything else is refused.
  ses.on('will-download', (event, item) => {
    if (isPermittedDownload(item.getURL())) return;
    log(`blocked download of ${item.getURL()}`);
    event.preventDefault();
  });

  ses.webRequest.onHeadersReceived((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    const csp = isDocument ? cspFor(details.url, trusted) : null;
    callback(csp ? { responseHeaders: withCsp(details.responseHeaders, csp) } : {});
  });

  // The dev server knows nothing of stored files; send /files/ to the app protocol as the bundle does.
  if (trusted.devServerUrl) {
    const devFiles = new URL(FILES_PREFIX, trusted.devServerUrl).href;
    ses.webRequest.onBeforeRequest({ urls: [`${devFiles}*`] }, (details, callback) => {
      const url = new URL(details.url);
      callback({ redirectURL: `${APP_ORIGIN}${url.pathname}${url.search}` });
    });
  }
}

/** Only the app's own stored-file route with the download intent, which the core has checked. */
export function isPermittedDownload(rawUrl: string): boolean {
  try {
    const url = new URL(rawUrl);
    // A custom scheme has an opaque origin in the URL standard: compare scheme and host.
    return `${url.protocol}//${url.host}` === APP_ORIGIN && url.pathname.startsWith(FILES_PREFIX) && isDownloadUrl(url);
  } catch {
    return false;
  }
}
