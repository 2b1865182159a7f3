import { FileImageOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useRef, useState, type DragEvent } from 'react';
import { groupChosenFolder, type DropGroup } from './pageModel';
import { readDrop, takeDrop } from './dropFiles';

/** Scans the core reads; anything else it refuses with a reason, so the picker only suggests these. */
const SCAN_ACCEPT = 'image/jpeg,image/png,image/tiff,.jpg,.jpeg,.png,.tif,.tiff';

export interface ScanDropZoneProps {
  disabled: boolean;
  onFiles(groups: DropGroup<File>[], skipped: string[]): void;
}

/**
 * Where scans come in: drop files or folders (a folder is one record's pages in name order), or
 * choose them. Enter or Space on the zone opens the file picker.
 */
export function ScanDropZone({ disabled, onFiles }: ScanDropZoneProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [isOver, setOver] = useState(false);

  const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    setOver(false);
    if (disabled) return;
    // Taken now: the browser empties the DataTransfer when this handler returns.
    const taken = takeDrop(event.dataTransfer);
    void readDrop(taken).then(({ groups, skipped }) => onFiles(groups, skipped));
  };

  const chooseFiles = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length > 0) onFiles([{ folder: null, files }], []);
  };
  const chooseFolder = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length === 0) return;
    const { groups, skipped } = groupChosenFolder(files);
    onFiles(groups, skipped);
  };

  return (
    <div
      data-testid="scan-drop-zone"
      role="button"
      tabIndex={disabled ? -1 : 0}
      aria-disabled={disabled}
      aria-label="添加扫描件：拖入文件或文件夹，或按回车选择文件"
      onKeyDown={(event) => {
        if (disabled || event.target !== event.currentTarget) return;
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          fileInput.current?.click();
        }
      }}
      onDragEnter={(event) => hasFiles(event) && setOver(true)}
      onDragOver={(event) => {
        if (!hasFiles(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = disabled ? 'none' : 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      style={{
        border: `2px dashed ${isOver && !disabled ? '#1677ff' : '#d9d9d9'}`,
        borderRadius: 8,
        padding: '16px 20px',
        background: isOver && !disabled ? '#e6f4ff' : '#fafafa',
        opacity: disabled ? 0.6 : 1,
        marginBottom: 16,
      }}
    >
      <Flex align="center" gap={16} wrap>
        <InboxOutlined style={{ fontSize: 32, color: '#1677ff' }} />
        <div style={{ flex: 1, minWidth: 240 }}>
          <Typography.Text strong>把扫描件或文件夹拖到这里</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            JPEG、PNG、TIFF（可多页）。文件夹中的图片按文件名顺序成为页面；空白页会标出但不会删除，原始文件原样保存。
          </Typography.Paragraph>
        </div>
        <Button icon={<FileImageOutlined />} disabled={disabled} onClick={() => fileInput.current?.click()}>
          选择文件
        </Button>
        <Button icon={<FolderOpenOutlined />} disabled={disabled} onClick={() => folderInput.current?.click()}>
          选择文件夹
        </Button>
      </Flex>
      <input
        ref={fileInput}
        data-testid="scan-file-input"
        type="file"
        multiple
        accept={SCAN_ACCEPT}
        hidden
        onChange={(event) => {
          chooseFiles(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
      <input
        ref={folderInput}
        type="file"
        hidden
        // @ts-expect-error webkitdirectory is not in React's input attributes, but every Chromium has it.
        webkitdirectory=""
        onChange={(event) => {
          chooseFolder(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
    </div>
  );
}
