import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, InputNumber, Segmented, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReadingSessionDto } from '../../../contract';
import { clampPage, type Volume } from './readingModel';

/** Volume (正卷/副卷), 上一页/下一页 and a page number to jump to (Enter); ←/→/PgUp/PgDn are on the page. */
export function ReadingToolbar({
  volumes,
  volume,
  page,
  pageCount,
  onVolume,
  onPage,
}: {
  volumes: ReadingSessionDto['volumes'];
  volume: Volume;
  page: number;
  pageCount: number;
  onVolume: (volume: Volume) => void;
  onPage: (page: number) => void;
}) {
  const [draft, setDraft] = useState<number | null>(page);
  useEffect(() => setDraft(page), [page]);
  const commit = () => {
    const target = clampPage(draft ?? page, pageCount);
    setDraft(target);
    if (target !== page) onPage(target);
  };
  return (
    <Flex align="center" gap={12} wrap style={{ marginBottom: 12 }} data-testid="reading-toolbar">
      {volumes.length > 1 ? (
        <Segmented
          aria-label="卷别"
          value={volume}
          onChange={(value) => onVolume(value as Volume)}
          options={volumes.map((v) => ({ value: v.volume, label: `${v.volume}（${v.pageCount} 页）`, disabled: v.pageCount === 0 }))}
        />
      ) : (
        <Typography.Text strong>{volume}</Typography.Text>
      )}
      <Button icon={<LeftOutlined />} disabled={page <= 1} onClick={() => onPage(page - 1)}>
        上一页
      </Button>
      <Flex align="center" gap={6}>
        第
        <InputNumber
          aria-label="页码"
          size="small"
          min={1}
          max={Math.max(1, pageCount)}
          precision={0}
          value={draft}
          onChange={(value) => setDraft(value)}
          onPressEnter={commit}
          onBlur={commit}
          style={{ width: 72 }}
        />
        页，共 <span data-testid="reading-page-count">{pageCount}</span> 页
      </Flex>
      <Button icon={<RightOutlined />} iconPlacement="end" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
        下一页
      </Button>
      <Typography.Text type="secondary">← → / PageUp PageDown 翻页</Typography.Text>
    </Flex>
  );
}
