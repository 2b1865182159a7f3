import { describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../src/contract';
import { blockedKey, isReadingRoute, readingCallRefusal, readingCaseOf, readingWindowUrl, shouldPrintAfter, type KeyInput } from '../../../src/main/security/readingRoom';
import { mainWindowOptions, readingWindowOptions } from '../../../src/main/security/windowOptions';

describe('the reading route', () => {
  it('finds the case of #/reading/<caseId> on the bundle and on the dev server', () => {
    expect(readingCaseOf('app://bundle/index.html#/reading/12')).toBe('12');
    expect(readingCaseOf('http://localhost:5173/#/reading/12/')).toBe('12');
    expect(readingCaseOf('app://bundle/index.html#/reading/%E6%A1%88')).toBe('案');
    expect(isReadingRoute('app://bundle/index.html#/reading/7')).toBe(true);
  });

  it('is not any other page, nor a malformed one', () => {
    for (const url of ['app://bundle/index.html', 'app://bundle/index.html#/cases/12', 'app://bundle/index.html#/reading/', 'app://bundle/index.html#/reading/12/pages', 'app://bundle/index.html#/reading/%E0%A4%A', 'not a url', 'app://bundle/reading/12']) {
      expect(readingCaseOf(url), url).toBeNull();
    }
  });

  it('builds the kiosk address from the entry page, whatever hash it had', () => {
    expect(readingWindowUrl('app://bundle/index.html', '12')).toBe('app://bundle/index.html#/reading/12');
    expect(readingWindowUrl('http://localhost:5173/#/cases', '案 1')).toBe('http://localhost:5173/#/reading/%E6%A1%88%201');
    expect(readingCaseOf(readingWindowUrl('app://bundle/index.html', '案 1'))).toBe('案 1');
  });
});

describe('calls that show pages come only from the reading window', () => {
  it('refuses open, page, print and export elsewhere; closing and everything else pass', () => {
    for (const method of ['reading.open', 'reading.page', 'reading.print', 'reading.export'] as const) {
      expect(readingCallRefusal(method, false)).toMatchObject({ code: 'forbidden', message: expect.stringContaining('阅览室') });
      expect(readingCallRefusal(method, true)).toBeNull();
    }
    const others = METHOD_NAMES.filter((m) => !['reading.open', 'reading.page', 'reading.print', 'reading.export'].includes(m));
    expect(others).toContain('reading.close');
    for (const method of others) expect(readingCallRefusal(method, false)).toBeNull();
  });

  it('opens the print dialog only after an allowed reading.print in the reading window', () => {
    const ok = { ok: true as const, value: { pages: [1], watermark: 'x' } };
    const refused = { ok: false as const, error: { code: 'forbidden' as const, message: '本次借阅授权不含打印。' } };
    expect(shouldPrintAfter('reading.print', ok, true)).toBe(true);
    expect(shouldPrintAfter('reading.print', refused, true)).toBe(false);
    expect(shouldPrintAfter('reading.print', ok, false)).toBe(false);
    expect(shouldPrintAfter('reading.page', ok, true)).toBe(false);
  });
});

describe('keys the kiosk window swallows', () => {
  const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ type: 'keyDown', key: k, control: false, meta: false, shift: false, alt: false, ...mods });

  it('blocks print, save, view source, reload and devtools on Windows/Linux and macOS', () => {
    expect(blockedKey(key('p', { control: true }))).toBe('print');
    expect(blockedKey(key('P', { meta: true }))).toBe('print');
    expect(blockedKey(key('s', { control: true }))).toBe('save');
    expect(blockedKey(key('u', { control: true }))).toBe('view-source');
    expect(blockedKey(key('r', { control: true }))).toBe('reload');
    expect(blockedKey(key('F5'))).toBe('reload');
    expect(blockedKey(key('F12'))).toBe('devtools');
    expect(blockedKey(key('I', { control: true, shift: true }))).toBe('devtools');
    expect(blockedKey(key('i', { meta: true, alt: true }))).toBe('devtools');
  });

  it('lets reading keys through, and key releases', () => {
    for (const k of [key('ArrowRight'), key('PageDown'), key('p'), key('c', { control: true }), key('+', { control: true })]) expect(blockedKey(k)).toBeNull();
    expect(blockedKey({ ...key('p', { control: true }), type: 'keyUp' })).toBeNull();
  });
});

describe('readingWindowOptions', () => {
  const input = { preloadPath: '/app/out/preload/index.cjs', partition: 'persist:workstation', isDev: true };

  it('is a kiosk without devtools, even in development', () => {
    const options = readingWindowOptions(input);
    expect(options).toMatchObject({ kiosk: true, fullscreen: true, minimizable: false, show: false, title: expect.stringContaining('阅览室') });
    expect(options.webPreferences.devTools).toBe(false);
  });

  it('keeps every hardening of the main window, with the same preload and partition', () => {
    const { devTools: _main, ...mainPrefs } = mainWindowOptions(input).webPreferences;
    const { devTools: _reading, ...readingPrefs } = readingWindowOptions(input).webPreferences;
    expect(readingPrefs).toEqual(mainPrefs);
  });
});
