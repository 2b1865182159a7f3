import type { Checkpoint } from '../../../contract';

export function checkpointFileName(checkpoint: Checkpoint): string {
  const stamp = checkpoint.at.replace(/\.\d+Z$/, 'Z').replace(/[-:]/g, '').replace('T', '-');
  return `审计检查点-${checkpoint.fondsNumber}-${checkpoint.count}条-${stamp}.json`;
}

/** Saved through the browser's download, so the renderer needs no file-system access. */
export function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
