import { describe, expect, it } from 'vitest';
import { fileHeaders, isLaterRange, parseRange, refusalStatus } from '../../../src/main/files/fileResponse';

const pdf = { name: '卷宗 2024年度第12号.pdf', mediaType: 'application/pdf', size: 1000 };

describe('fileHeaders', () => {
  it('shows PDFs inline, never cached, with the Chinese name preserved', () => {
    const headers = fileHeaders(pdf, null);
    expect(headers['Content-Type']).toBe('application/pdf');
    expect(headers['Content-Length']).toBe('1000');
    expect(headers['Content-Disposition']).toBe(
      `inline; filename="__ 2024___12_.pdf"; filename*=UTF-8''${encodeURIComponent(pdf.name)}`,
    );
    expect(headers['Cache-Control']).toBe('private, no-store');
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Range']).toBeUndefined();
  });

  it('sends types that would run script in the app origin as attachments', () => {
    for (const mediaType of ['text/html', 'image/svg+xml', 'application/xml', 'application/xhtml+xml', 'application/javascript']) {
      expect(fileHeaders({ ...pdf, mediaType }, null)['Content-Disposition']).toMatch(/^attachment;/);
    }
    for (const mediaType of ['image/jpeg', 'image/tiff', 'video/mp4', 'audio/mpeg', 'text/plain; charset=utf-8']) {
      expect(fileHeaders({ ...pdf, mediaType }, null)['Content-Disposition']).toMatch(/^inline;/);
    }
  });

  it('keeps quotes and backslashes out of the ASCII filename', () => {
    expect(fileHeaders({ ...pdf, name: 'a"b\\c.pdf' }, null)['Content-Disposition']).toContain('filename="a_b_c.pdf"');
  });

  it('describes a partial response', () => {
    const headers = fileHeaders(pdf, { start: 100, end: 199 });
    expect(headers['Content-Length']).toBe('100');
    expect(headers['Content-Range']).toBe('bytes 100-199/1000');
  });
});

describe('parseRange', () => {
  it('serves the whole file without a usable range', () => {
    expect(parseRange(null, 1000)).toBeNull();
    expect(parseRange('', 1000)).toBeNull();
    expect(parseRange('items=0-1', 1000)).toBeNull();
    expect(parseRange('bytes=0-1,5-9', 1000)).toBeNull();
    expect(parseRange('bytes=-', 1000)).toBeNull();
    expect(parseRange('bytes=9-3', 1000)).toBeNull();
  });

  it('reads open, closed and suffix ranges', () => {
    expect(parseRange('bytes=0-', 1000)).toEqual({ start: 0, end: 999 });
    expect(parseRange('bytes=100-199', 1000)).toEqual({ start: 100, end: 199 });
    expect(parseRange('bytes=900-5000', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-100', 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange('bytes=-5000', 1000)).toEqual({ start: 0, end: 999 });
  });

  it('reports ranges past the end as unsatisfiable', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
  });
});

describe('refusalStatus', () => {
  it('maps core error codes to HTTP statuses', () => {
    expect(refusalStatus('unauthenticated')).toBe(401);
    expect(refusalStatus('forbidden')).toBe(403);
    expect(refusalStatus('not-found')).toBe(404);
    expect(refusalStatus('internal')).toBe(500);
    expect(refusalStatus('read-only')).toBe(500);
  });
});

describe('isLaterRange', () => {
  it('is a later part of a read only when the range does not start at byte 0', () => {
    expect(isLaterRange(null)).toBe(false);
    expect(isLaterRange('bytes=0-65535')).toBe(false);
    expect(isLaterRange('bytes=65536-131071')).toBe(true);
    expect(isLaterRange('bytes=-500')).toBe(true);
    expect(isLaterRange('items=5-')).toBe(false);
  });
});
