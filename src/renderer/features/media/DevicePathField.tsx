import { Form, Input } from 'antd';
import type { ReactNode } from 'react';

/** What a device path may be wherever the app reads a medium's identity record (§6.1.3 e). */
export const DEVICE_PATH_KINDS = '块设备（如 /dev/sdb）、磁盘镜像文件或已挂载介质的文件夹';

/** The form field `device`: where the medium is, as the core's media methods take it. */
export function DevicePathField({ extra, required = false }: { extra: ReactNode; required?: boolean }) {
  return (
    <Form.Item name="device" label="介质设备路径" required={required} extra={extra}>
      <Input maxLength={1000} autoComplete="off" spellCheck={false} />
    </Form.Item>
  );
}
