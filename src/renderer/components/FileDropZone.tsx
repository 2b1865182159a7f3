import { FileOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useRef, useState, type DragEvent, type ReactNode } from 'react';
import { readDrop, takeDrop } from './dropFiles';
import { groupChosenFolder, type DropGroup } from './dropModel';

export interface FileDropZoneProps {
  title: ReactNode;
  hint: ReactNode;
  /** The picker's accept list (a drop is not filtered: the core says what it cannot read). */
  accept: string;
  isMultiple: boolean;
  /** Offer 选择文件夹 (a folder is one group of files in name order). */
  canChooseFolder: boolean;
  chooseLabel: string;
  disabled: boolean;
  testId: string;
  onFiles(groups: DropGroup<File>[], skipped: string[]): void;
}

/**
 * Where files from this machine come in: dropped (files or folders) or chosen. Enter or Space on the
 * zone opens the file picker. What it yields goes to `stageFiles` for paths the core can read.
 */
export function FileDropZone({ title, hint, accept, isMultiple, canChooseFolder, chooseLabel, disabled, testId, onFiles }: FileDropZoneProps) {
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
      data-testid={testId}
      role="button"
      tabIndex={disabled ? -1 : 0}
      aria-disabled={disabled}
      aria-label={`${chooseLabel}：拖入文件，或按回车选择`}
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
          <Typography.Text strong>{title}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {hint}
          </Typography.Paragraph>
        </div>
        <Button icon={<FileOutlined />} disabled={disabled} onClick={() => fileInput.current?.click()}>
          {chooseLabel}
        </Button>
        {canChooseFolder ? (
          <Button icon={<FolderOpenOutlined />} disabled={disabled} onClick={() => folderInput.current?.click()}>
            选择文件夹
          </Button>
        ) : null}
      </Flex>
      <input
        ref={fileInput}
        data-testid={`${testId}-input`}
        type="file"
        multiple={isMultiple}
        accept={accept}
        hidden
        onChange={(event) => {
          chooseFiles(event.currentTarget.files);
          event.currentTarget.value = '';
        }}
      />
      {canChooseFolder ? (
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
      ) : null}
    </div>
  );
}
