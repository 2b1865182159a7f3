import type { SKRSContext2D } from '@napi-rs/canvas';

/**
 * What every page shown or handed out in the reading room carries (DOMAIN.md "Access": a view is
 * always watermarked with reader, time and terminal; DB3206/T 1060 §4.10.2, §4.10.3): a photo of the
 * screen, a print or an export can be traced to the person, the desk and the minute.
 */
export interface Watermark {
  /** Display name and username, e.g. `刘芳（liu）`. */
  reader: string;
  terminalId: string;
  at: Date;
}

export function readerLabel(displayName: string, username: string): string {
  return displayName && displayName !== username ? `${displayName}（${username}）` : username;
}

/** Local wall-clock time to the minute, as people in the reading room read a clock: `2024-06-01 16:05`. */
export function formatLocalMinute(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}`;
}

/** The one line that names reader, terminal and time; the page DTO and the print answer return it. */
export function watermarkText(w: Watermark): string {
  return `${w.reader} · 终端 ${w.terminalId} · ${formatLocalMinute(w.at)}`;
}

/** The line at the bottom of the page, legible on its own band; it says what the pledge forbids. */
export function watermarkFooter(w: Watermark): string {
  // Ideographic spaces (U+3000) between the parts, as Chinese forms set them.
  return [`查阅人 ${w.reader}`, `终端 ${w.terminalId}`, formatLocalMinute(w.at), '仅供查阅，严禁拍照、复制、外传（DB3206/T 1060 §4.10.3）'].join('\u3000');
}

/**
 * Burns the watermark into the pixels (never an overlay the viewer could hide): the text tiled
 * diagonally over the whole page, semi-transparent so the record stays readable, and the footer on
 * an opaque band. A cropped or partly covered page still shows it several times over.
 */
export function drawWatermark(ctx: SKRSContext2D, width: number, height: number, w: Watermark, fontFamily: string): void {
  const tileText = watermarkText(w);
  const tileSize = Math.max(14, Math.round(Math.min(width, height) / 26));
  ctx.save();
  ctx.font = `${tileSize}px "${fontFamily}"`;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = 'rgba(170, 20, 20, 0.2)';
  const stepX = ctx.measureText(tileText).width + tileSize * 3;
  const stepY = tileSize * 5;
  const reach = Math.hypot(width, height);
  ctx.translate(width / 2, height / 2);
  ctx.rotate(-Math.PI / 6);
  let row = 0;
  for (let y = -reach; y <= reach; y += stepY, row++) {
    // Alternate rows are shifted by half a step so no straight column of page is left unmarked.
    for (let x = -reach - (row % 2) * (stepX / 2); x <= reach; x += stepX) ctx.fillText(tileText, x, y);
  }
  ctx.restore();

  const footer = watermarkFooter(w);
  let size = Math.max(12, Math.round(width / 55));
  ctx.save();
  ctx.font = `${size}px "${fontFamily}"`;
  while (size > 9 && ctx.measureText(footer).width > width * 0.96) {
    size -= 1;
    ctx.font = `${size}px "${fontFamily}"`;
  }
  const band = Math.round(size * 1.9);
  ctx.fillStyle = 'rgba(255, 255, 255, 0.92)';
  ctx.fillRect(0, height - band, width, band);
  ctx.fillStyle = 'rgb(120, 0, 0)';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.fillText(footer, width / 2, height - band / 2);
  ctx.restore();
}
