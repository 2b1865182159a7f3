import { useCallback, useEffect, useState } from 'react';
import type { ReadingPageDto } from '../../../contract';
import { call } from '../../app/api';
import type { Volume } from './readingModel';

/** Drawn this wide: sharp on a large screen, and the core caps it anyway. */
export const PAGE_WIDTH_PX = 1400;

export interface LoadedPage {
  dto: ReadingPageDto;
  /** When this page was served: the time of the on-screen watermark. */
  servedAt: Date;
}

/**
 * One page of the reading session, asked of the core every time it is shown (no cache): the policy is
 * asked again for every page, so a grant revoked or expired meanwhile refuses the next one.
 * `reload()` asks again for the page on screen.
 */
export function useReadingPage(readingId: string | null, volume: Volume | null, page: number) {
  const [loaded, setLoaded] = useState<LoadedPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isLoading, setLoading] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!readingId || !volume) return;
    let isCurrent = true;
    setLoading(true);
    setError(null);
    call('reading.page', { readingId, volume, page, widthPx: PAGE_WIDTH_PX })
      .then((dto) => {
        if (!isCurrent) return;
        setLoaded({ dto, servedAt: new Date() });
      })
      .catch((failure: unknown) => {
        if (!isCurrent) return;
        setLoaded(null);
        setError(failure);
      })
      .finally(() => {
        if (isCurrent) setLoading(false);
      });
    return () => {
      isCurrent = false;
    };
  }, [readingId, volume, page, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { loaded, error, isLoading, reload };
}
