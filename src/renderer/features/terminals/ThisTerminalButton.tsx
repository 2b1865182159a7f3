import { DesktopOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { groupFingerprint } from '../../../contract';
import { call } from '../../app/api';
import { CURRENT_TERMINAL_KEY, TERMINAL_KIND_LABELS, designationLabel } from './terminalLabels';

/**
 * 本终端 in the header: this terminal's fingerprint and whether it is a designated reading terminal
 * (DB3206/T 1060 §4.10.2), so the security administrator can compare it with the register before
 * designating it.
 */
export function ThisTerminalButton() {
  const [isOpen, setOpen] = useState(false);
  const current = useQuery({ queryKey: CURRENT_TERMINAL_KEY, queryFn: () => call('terminals.current') });
  const terminal = current.data;
  if (!terminal) return null;
  return (
    <>
      <Button type="text" style={{ color: '#fff' }} icon={<DesktopOutlined />} onClick={() => setOpen(true)} data-testid="this-terminal">
        本终端{' '}
        <Tag color={terminal.isDesignated ? 'green' : 'default'} style={{ marginInlineStart: 6, marginInlineEnd: 0 }} data-testid="this-terminal-status">
          {designationLabel(terminal.isDesignated)}
        </Tag>
      </Button>
      <Modal open={isOpen} title="本终端" footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="终端编号">
            <Typography.Text copyable data-testid="this-terminal-id">
              {terminal.id}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="类型">{TERMINAL_KIND_LABELS[terminal.kind]}</Descriptions.Item>
          <Descriptions.Item label="公钥指纹">
            {terminal.fingerprint ? (
              <>
                <Typography.Text strong style={{ fontFamily: 'monospace' }} data-testid="this-terminal-fingerprint">
                  {groupFingerprint(terminal.fingerprint)}
                </Typography.Text>
                <Typography.Paragraph type="secondary" copyable style={{ fontFamily: 'monospace', fontSize: 12, margin: '4px 0 0', wordBreak: 'break-all' }}>
                  {terminal.fingerprint}
                </Typography.Paragraph>
              </>
            ) : (
              '无（本浏览器未能证明终端密钥，不能被指定为查阅终端）'
            )}
          </Descriptions.Item>
          <Descriptions.Item label="查阅终端">{designationLabel(terminal.isDesignated)}</Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          已归档卷宗只能在安全保密管理员指定的查阅终端上查阅。指定前，请在本机核对上面的指纹与“查阅终端”登记表中的一致。
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
