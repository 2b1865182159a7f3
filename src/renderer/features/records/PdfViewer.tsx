import { LeftOutlined, RightOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, InputNumber, Spin, Typography } from 'antd';
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { clampPage, nextZoom } from './pageModel';

// The worker is a file of the bundle, so the CSP's script-src 'self' covers it.
GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * A signed version as pdf.js draws it (Electron's own PDF viewer is off): one page at a time on a
 * canvas, 上一页 / 下一页, zoom. Keyboard on the viewer: PgUp / PgDn, Home / End, + / −.
 */
export function PdfViewer({ url, title }: { url: string; title: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pageNumber, setPageNumber] = useState(1);
  const [zoom, setZoom] = useState(1);
  const [isRendering, setRendering] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    setDoc(null);
    setFailure(null);
    setPageNumber(1);
    // No eval: the page's CSP forbids it, and fonts draw the same without it.
    // Same-origin requests carry the session cookie anyway; app:// files need none (the window's session is the caller).
    const task = getDocument({ url, isEvalSupported: false });
    task.promise.then(
      (loaded) => {
        if (isCurrent) setDoc(loaded);
      },
      (error: unknown) => {
        if (isCurrent) setFailure(`无法打开 PDF：${(error as Error)?.message ?? String(error)}`);
      },
    );
    return () => {
      isCurrent = false;
      void task.destroy();
    };
  }, [url]);

  useEffect(() => {
    if (!doc || !canvasRef.current) return;
    let isCurrent = true;
    let cancel = () => {};
    setRendering(true);
    void (async () => {
      try {
        const page = await doc.getPage(pageNumber);
        if (!isCurrent || !canvasRef.current) return;
        const ratio = window.devicePixelRatio || 1;
        // 1.25 × 72 dpi: an A4 page about 1030 px high at 100 %, readable without zooming on a desktop.
        const viewport = page.getViewport({ scale: 1.25 * zoom * ratio });
        const canvas = canvasRef.current;
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
        canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
        const task = page.render({ canvas, viewport });
        cancel = () => task.cancel();
        await task.promise;
        if (isCurrent) canvas.dataset.renderedPage = String(pageNumber);
      } catch (error) {
        if (isCurrent && (error as Error)?.name !== 'RenderingCancelledException') setFailure(`无法显示第 ${pageNumber} 页：${(error as Error)?.message ?? String(error)}`);
      } finally {
        if (isCurrent) setRendering(false);
      }
    })();
    return () => {
      isCurrent = false;
      cancel();
    };
  }, [doc, pageNumber, zoom]);

  const pageCount = doc?.numPages ?? 0;
  const go = (n: number) => setPageNumber(clampPage(n, pageCount));
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const actions: Record<string, () => void> = {
      PageDown: () => go(pageNumber + 1),
      PageUp: () => go(pageNumber - 1),
      Home: () => go(1),
      End: () => go(pageCount),
      '+': () => setZoom((z) => nextZoom(z, 'in')),
      '=': () => setZoom((z) => nextZoom(z, 'in')),
      '-': () => setZoom((z) => nextZoom(z, 'out')),
    };
    const action = actions[event.key];
    if (!action || event.target instanceof HTMLInputElement) return;
    event.preventDefault();
    action();
  };

  if (failure) return <Alert type="error" showIcon title={failure} />;
  return (
    <div data-testid="pdf-viewer" tabIndex={0} onKeyDown={onKeyDown} aria-label={`${title}：PgUp/PgDn 翻页，+/- 缩放`} style={{ outline: 'none' }}>
      <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
        <Button icon={<LeftOutlined />} disabled={pageNumber <= 1} onClick={() => go(pageNumber - 1)} aria-label="上一页">
          上一页
        </Button>
        <Typography.Text>
          第{' '}
          <InputNumber size="small" min={1} max={Math.max(1, pageCount)} value={pageNumber} onChange={(v) => v && go(v)} style={{ width: 64 }} aria-label="页码" /> 页，共{' '}
          <span data-testid="pdf-page-count">{pageCount}</span> 页
        </Typography.Text>
        <Button icon={<RightOutlined />} disabled={pageNumber >= pageCount} onClick={() => go(pageNumber + 1)} aria-label="下一页">
          下一页
        </Button>
        <Button icon={<ZoomOutOutlined />} onClick={() => setZoom((z) => nextZoom(z, 'out'))} aria-label="缩小" />
        <Typography.Text style={{ minWidth: 48, textAlign: 'center' }}>{Math.round(zoom * 100)}%</Typography.Text>
        <Button icon={<ZoomInOutlined />} onClick={() => setZoom((z) => nextZoom(z, 'in'))} aria-label="放大" />
        {isRendering || !doc ? <Spin size="small" /> : null}
      </Flex>
      <div style={{ overflow: 'auto', maxHeight: '75vh', background: '#525659', padding: 12, textAlign: 'center' }}>
        <canvas ref={canvasRef} data-testid="pdf-canvas" style={{ background: '#fff', boxShadow: '0 0 6px rgba(0,0,0,0.5)' }} />
      </div>
    </div>
  );
}
