import type { Session } from 'electron';
import { cspFor, withCsp } from './security/csp';
import { isPermissionGranted } from './security/permissions';
import type { TrustedOrigins } from './security/origin';
import { APP_ORIGIN } from './security/origin';
import { FILES_PREFIX } from './security/appPath';

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

  // Exports leave the archive only through the core, where grants and the audit log apply.
  ses.on('will-download', (event, item) => {
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
      callback({ redirectURL: `${APP_ORIGIN}${new URL(details.url).pathname}` });
    });
  }
}
