import dayjs from 'dayjs';
import { ApiFailure, type ReadingSessionDto } from '../../../contract';

/**
 * Pure rules of the reading room (DB3206/T 1060 §4.10.2, §6.2.2 f–g): turning pages, choosing pages
 * to print, the watermark's words, and which failures end the reading.
 */

export type Volume = '正卷' | '副卷';

export function clampPage(page: number, pageCount: number): number {
  if (pageCount < 1) return 1;
  if (!Number.isFinite(page)) return 1;
  return Math.min(Math.max(1, Math.trunc(page)), pageCount);
}

/** ←/PageUp back, →/PageDown on, Home and End to the ends; null for any other key or when nothing moves. */
export function pageForKey(key: string, page: number, pageCount: number): number | null {
  let next: number;
  if (key === 'ArrowLeft' || key === 'PageUp') next = page - 1;
  else if (key === 'ArrowRight' || key === 'PageDown') next = page + 1;
  else if (key === 'Home') next = 1;
  else if (key === 'End') next = pageCount;
  else return null;
  next = clampPage(next, pageCount);
  return next === page ? null : next;
}

/**
 * Pages to print from what the reader typed: `3`, `1-4`, `1-3, 7, 9-10` (full-width commas and dashes
 * too), each within the volume; ascending, without repeats.
 */
export function parsePageList(text: string, pageCount: number): { pages: number[] } | { error: string } {
  const parts = text
    .replace(/[，、；;\s]+/g, ',')
    .replace(/[－—–~～至]/g, '-')
    .split(',')
    .filter(Boolean);
  if (!parts.length) return { error: '请填写要打印的页码，例如 1-3,5' };
  const pages = new Set<number>();
  for (const part of parts) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) return { error: `无法识别“${part}”，请按 1-3,5 的格式填写页码` };
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    if (from < 1 || to < 1) return { error: '页码从 1 开始' };
    if (from > to) return { error: `“${part}”的起始页大于结束页` };
    if (to > pageCount) return { error: `本卷共 ${pageCount} 页，没有第 ${to} 页` };
    for (let n = from; n <= to; n++) pages.add(n);
  }
  return { pages: [...pages].sort((a, b) => a - b) };
}

/** The on-screen watermark: who reads, at which terminal, when the page was served (the core burns the same into the image). */
export function watermarkLine(watermark: ReadingSessionDto['watermark'], servedAt: Date): string {
  return `${watermark.reader} · ${watermark.terminalId} · ${dayjs(servedAt).format('YYYY-MM-DD HH:mm:ss')}`;
}

/** The first volume that has pages (正卷 before 副卷), or the first listed. */
export function firstVolume(volumes: ReadingSessionDto['volumes']): Volume | null {
  const withPages = volumes.find((v) => v.pageCount > 0) ?? volumes[0];
  return (withPages?.volume as Volume | undefined) ?? null;
}

/**
 * A failure that ends the reading: the policy refused the page (grant expired or revoked, terminal no
 * longer designated) or the reading session is over (idle, closed). Pages stop showing; the reason stays.
 * A bad request or an internal failure is shown with a way to try again instead.
 */
export function endsReading(error: unknown): boolean {
  return error instanceof ApiFailure && ['forbidden', 'not-found', 'conflict', 'read-only', 'locked'].includes(error.code);
}

/** Milliseconds until a grant's end, for a look at the policy then; null when too far for a timer. */
export function msUntil(iso: string, now: number): number | null {
  const ms = Date.parse(iso) - now;
  if (!Number.isFinite(ms)) return null;
  // setTimeout holds a signed 32-bit delay; longer grants are checked at the next page anyway.
  return ms > 2_000_000_000 ? null : Math.max(0, ms);
}
