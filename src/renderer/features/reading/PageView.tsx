import { Spin } from 'antd';
import type { ReadingSessionDto } from '../../../contract';
import { watermarkLine } from './readingModel';
import type { LoadedPage } from './useReadingPage';

const WATERMARK_REPEATS = 8;

/**
 * One page as the core rendered it (watermark burned in), with the same watermark laid over it on
 * screen: reader, terminal and the time the page was served, in the core's words (its clock, the
 * same line as in the pixels), or from the session and this screen's clock if the core gave none.
 */
export function PageView({ loaded, session, isLoading, isLocked }: { loaded: LoadedPage | null; session: ReadingSessionDto; isLoading: boolean; isLocked: boolean }) {
  const line = loaded ? loaded.dto.watermark || watermarkLine(session.watermark, loaded.servedAt) : '';
  return (
    <div className={`reading-viewer${isLocked ? ' is-locked' : ''}`} data-testid="reading-viewer">
      <Spin spinning={isLoading} description="正在载入页面…">
        {loaded ? (
          <div className="reading-page">
            <img
              src={loaded.dto.image}
              alt={`${loaded.dto.volume} 第 ${loaded.dto.page} 页`}
              width={loaded.dto.widthPx}
              height={loaded.dto.heightPx}
              draggable={false}
              data-testid="reading-page"
              data-page={loaded.dto.page}
              data-volume={loaded.dto.volume}
            />
            <div className="reading-watermark" aria-hidden="true" data-testid="reading-watermark" data-watermark={line}>
              {Array.from({ length: WATERMARK_REPEATS }, (_, i) => (
                <span key={i}>{line}</span>
              ))}
            </div>
          </div>
        ) : (
          <div style={{ width: 600, maxWidth: '100%', height: 400 }} />
        )}
      </Spin>
    </div>
  );
}
