import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import './print.css';

// The worker is a file of the bundle, so the CSP's script-src 'self' covers it.
GlobalWorkerOptions.workerSrc = workerUrl;

/** 150 dpi: sharp enough for forms and scans on an office printer, small enough for a whole volume. */
const PRINT_SCALE = 150 / 72;

export interface PrintProgress {
  done: number;
  total: number;
}

/**
 * Prints chosen pages of a stored PDF the same way in Electron and in a browser: pdf.js draws each
 * page, the images go into a container that only print media shows (print.css), then
 * window.print(). `choose` gets the PDF's page count and returns the pages (1-based) to print.
 */
export async function printPdfPages(url: string, choose: (totalPages: number) => number[], onProgress: (p: PrintProgress) => void, signal: AbortSignal): Promise<number> {
  // Same-origin requests carry the session cookie; app:// needs none (as in PdfViewer).
  const task = getDocument({ url, isEvalSupported: false });
  const root = document.createElement('div');
  root.className = 'dossier-print-root';
  root.dataset.testid = 'print-root';
  const objectUrls: string[] = [];
  try {
    const doc = await task.promise;
    const pages = choose(doc.numPages);
    onProgress({ done: 0, total: pages.length });
    for (const [i, n] of pages.entries()) {
      if (signal.aborted) throw new DOMException('已取消打印', 'AbortError');
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: PRINT_SCALE });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      await page.render({ canvas, viewport }).promise;
      const blob = await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error(`第 ${n} 页无法生成打印图像`))), 'image/png'));
      const objectUrl = URL.createObjectURL(blob);
      objectUrls.push(objectUrl);
      const img = document.createElement('img');
      img.src = objectUrl;
      img.alt = `第 ${n} 页`;
      img.dataset.page = String(n);
      root.appendChild(img);
      page.cleanup();
      onProgress({ done: i + 1, total: pages.length });
    }
    document.body.appendChild(root);
    await Promise.all(Array.from(root.querySelectorAll('img'), (img) => img.decode().catch(() => undefined)));
    // Blocks until the print dialog closes (Chromium and Electron alike).
    window.print();
    return pages.length;
  } finally {
    root.remove();
    for (const objectUrl of objectUrls) URL.revokeObjectURL(objectUrl);
    void task.destroy();
  }
}
