import { CloseOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { DropGroup } from '../../components/dropModel';
import { FileDropZone } from '../../components/FileDropZone';
import './scanPicker.css';

/** Scans the core reads; anything else it refuses with a reason, so the picker only suggests these. */
const SCAN_ACCEPT = 'image/jpeg,image/png,image/tiff,.jpg,.jpeg,.png,.tif,.tiff';

interface ScanPickerProps {
  id?: string;
  value?: DropGroup<File>[];
  onChange?: (groups: DropGroup<File>[]) => void;
  disabled?: boolean;
}

/** The scans of the appended record, dropped or chosen; they are uploaded only when the form is sent. */
export function ScanPicker({ id, value = [], onChange, disabled = false }: ScanPickerProps) {
  const names = value.flatMap((g) => (g.entry ? [g.folder ?? g.entry.name] : g.files.map((f) => (g.folder ? `${g.folder}/${f.name}` : f.name))));
  return (
    <div id={id} tabIndex={-1} className="scan-picker" style={{ outline: 'none' }}>
      <FileDropZone
        title="追加文书的扫描件"
        hint="拖入扫描件（JPEG、PNG、TIFF）或一个文件夹，按文件名顺序成页"
        accept={SCAN_ACCEPT}
        isMultiple
        canChooseFolder
        chooseLabel="选择扫描件"
        disabled={disabled}
        testId="append-scans"
        onFiles={(groups) => onChange?.([...value, ...groups])}
      />
      {names.length ? (
        <Flex align="center" gap={8} wrap data-testid="append-scans-chosen">
          <Typography.Text>
            已选择 {names.length} 项：{names.join('、')}
          </Typography.Text>
          <Button size="small" icon={<CloseOutlined />} disabled={disabled} onClick={() => onChange?.([])}>
            清除
          </Button>
        </Flex>
      ) : null}
    </div>
  );
}
