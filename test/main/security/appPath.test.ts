import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetContentType, resolveAssetPath, routeAppUrl, toRelativeAssetPath } from '../../../src/main/security/appPath';

describe('toRelativeAssetPath', () => {
  it('maps ordinary bundle paths', () => {
    expect(toRelativeAssetPath('/index.html')).toBe('index.html');
    expect(toRelativeAssetPath('/assets/index-BmW8Qqb-.js')).toBe('assets/index-BmW8Qqb-.js');
    expect(toRelativeAssetPath('/')).toBe('index.html');
    expect(toRelativeAssetPath('')).toBe('index.html');
    expect(toRelativeAssetPath('/fonts/')).toBe('fonts/index.html');
    expect(toRelativeAssetPath('//assets//a.js')).toBe('assets/a.js');
    expect(toRelativeAssetPath('/assets/%E5%8D%B7%E5%AE%97.png')).toBe('assets/卷宗.png');
  });

  it('refuses parent segments, raw or encoded', () => {
    expect(toRelativeAssetPath('/../etc/passwd')).toBeNull();
    expect(toRelativeAssetPath('/assets/../../secret')).toBeNull();
    expect(toRelativeAssetPath('/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(toRelativeAssetPath('/%2E%2E%2Fetc%2Fpasswd')).toBeNull();
    expect(toRelativeAssetPath('/assets/%2e%2e%2f%2e%2e%2fmain/index.js')).toBeNull();
    expect(toRelativeAssetPath('/./index.html')).toBeNull();
    expect(toRelativeAssetPath('/..')).toBeNull();
  });

  it('decodes once, so double encoding stays a harmless literal name', () => {
    expect(toRelativeAssetPath('/%252e%252e/secret')).toBe('%2e%2e/secret');
  });

  it('refuses backslashes, raw or encoded', () => {
    expect(toRelativeAssetPath('/..\\..\\windows\\win.ini')).toBeNull();
    expect(toRelativeAssetPath('/assets%5c..%5c..%5csecret')).toBeNull();
    expect(toRelativeAssetPath('/a\\b.js')).toBeNull();
  });

  it('refuses NUL bytes', () => {
    expect(toRelativeAssetPath('/index.html%00.png')).toBeNull();
    expect(toRelativeAssetPath('/index.html\0')).toBeNull();
  });

  it('refuses absolute and drive-letter paths smuggled in a segment', () => {
    expect(toRelativeAssetPath('/C:/Windows/win.ini')).toBeNull();
    expect(toRelativeAssetPath('/c%3A%5CWindows')).toBeNull();
    expect(toRelativeAssetPath('/file:%2F%2F%2Fetc%2Fpasswd')).toBeNull();
    // An encoded leading slash only doubles the separator; the path stays inside the bundle.
    expect(toRelativeAssetPath('/%2Fetc%2Fpasswd')).toBe('etc/passwd');
  });

  it('refuses malformed percent encoding', () => {
    expect(toRelativeAssetPath('/%E0%A4%A')).toBeNull();
    expect(toRelativeAssetPath('/%')).toBeNull();
  });
});

describe('resolveAssetPath', () => {
  const root = path.resolve('/opt/app/out/renderer');

  it('stays inside the root', () => {
    expect(resolveAssetPath(root, 'index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAssetPath(root, 'assets/a.js')).toBe(path.join(root, 'assets', 'a.js'));
  });

  it('refuses anything that resolves outside, as a second line behind toRelativeAssetPath', () => {
    expect(resolveAssetPath(root, '../main/index.js')).toBeNull();
    expect(resolveAssetPath(root, '')).toBeNull();
    expect(resolveAssetPath(root, '../renderer-evil/x.js')).toBeNull();
  });

  it('keeps an absolute path inside the root instead of honouring it', () => {
    expect(resolveAssetPath(root, '/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
  });
});

describe('routeAppUrl', () => {
  it('routes bundle assets', () => {
    expect(routeAppUrl('app://bundle/index.html')).toEqual({ kind: 'asset', relativePath: 'index.html' });
    expect(routeAppUrl('app://bundle/assets/a.js?v=1#x')).toEqual({ kind: 'asset', relativePath: 'assets/a.js' });
  });

  it('serves index.html for single-page routes so a reload on a deep route works', () => {
    expect(routeAppUrl('app://bundle/')).toEqual({ kind: 'asset', relativePath: 'index.html' });
    expect(routeAppUrl('app://bundle/cases/2024-12')).toEqual({ kind: 'asset', relativePath: 'index.html' });
  });

  it('routes stored files by id', () => {
    expect(routeAppUrl('app://bundle/files/f_01HX')).toEqual({ kind: 'file', fileId: 'f_01HX' });
    expect(routeAppUrl('app://bundle/files/a%20b')).toEqual({ kind: 'file', fileId: 'a b' });
  });

  it('refuses file ids shaped like paths', () => {
    for (const url of [
      'app://bundle/files/',
      'app://bundle/files/a/b',
      'app://bundle/files/a%2Fb',
      'app://bundle/files/a%5Cb',
      'app://bundle/files/a%00',
      'app://bundle/files/%E0%A4%A',
      `app://bundle/files/${'x'.repeat(201)}`,
    ]) {
      expect(routeAppUrl(url)).toEqual({ kind: 'refused' });
    }
  });

  it('keeps dot segments the URL parser folds (even encoded) inside the bundle', () => {
    expect(new URL('app://bundle/%2e%2e/%2e%2e/etc/passwd').pathname).toBe('/etc/passwd');
    expect(routeAppUrl('app://bundle/%2e%2e/%2e%2e/assets/a.js')).toEqual({ kind: 'asset', relativePath: 'assets/a.js' });
    expect(routeAppUrl('app://bundle/files/%2e%2e')).toEqual({ kind: 'asset', relativePath: 'index.html' });
    expect(routeAppUrl('app://bundle/assets/%2e%2e%2f%2e%2e%2fmain/index.js')).toEqual({ kind: 'refused' });
  });

  it('refuses other hosts, schemes, ports, credentials and traversal', () => {
    for (const url of [
      'app://other/index.html',
      'app://bundle:8080/index.html',
      'app://user:pw@bundle/index.html',
      'file:///etc/passwd',
      'https://bundle/index.html',
      'app://bundle/assets/..%5c..%5csecret.js',
      'nonsense',
    ]) {
      expect(routeAppUrl(url)).toEqual({ kind: 'refused' });
    }
  });
});

describe('assetContentType', () => {
  it('names scripts as JavaScript so module scripts run under nosniff', () => {
    expect(assetContentType('assets/index.js')).toBe('text/javascript; charset=utf-8');
    expect(assetContentType('index.html')).toBe('text/html; charset=utf-8');
    expect(assetContentType('fonts/a.WOFF2')).toBe('font/woff2');
    expect(assetContentType('blob.bin')).toBe('application/octet-stream');
  });
});
