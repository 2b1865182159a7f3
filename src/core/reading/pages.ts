import type { Volume } from '../../contract';

/**
 * The pages a reader saw, as the audit log says them (issue 5 item 7; DB3206/T 1060 §4.10.2: every
 * view is recorded): `正卷 第1–3、7页；副卷 第2页`. Stored per session as `正卷:3` entries in the
 * order first viewed (reading_sessions.pages_viewed).
 */
export function pageEntry(volume: Volume, page: number): string {
  return `${volume}:${page}`;
}

export function parsePageEntries(entries: readonly string[]): Map<Volume, number[]> {
  const byVolume = new Map<Volume, number[]>();
  for (const entry of entries) {
    const [volume, page] = entry.split(':') as [Volume, string];
    const n = Number(page);
    if (!Number.isInteger(n) || n < 1) continue;
    byVolume.set(volume, [...(byVolume.get(volume) ?? []), n]);
  }
  return byVolume;
}

/** `1–3、7` from any order, duplicates ignored. */
export function pageRanges(pages: readonly number[]): string {
  const sorted = [...new Set(pages)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j === i ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return parts.join('、');
}

export function describeVolumePages(volume: Volume, pages: readonly number[]): string {
  return `${volume} 第${pageRanges(pages)}页`;
}

export function describePagesViewed(entries: readonly string[]): string {
  const byVolume = parsePageEntries(entries);
  if (!byVolume.size) return '未查阅任何页面';
  const order: Volume[] = ['正卷', '副卷'];
  return order
    .filter((v) => byVolume.has(v))
    .map((v) => describeVolumePages(v, byVolume.get(v)!))
    .join('；');
}
