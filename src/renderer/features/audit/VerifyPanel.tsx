import { CloudDownloadOutlined, FileSearchOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Typography } from 'antd';
import { useRef } from 'react';
import type { AuditVerifyResult, Checkpoint } from '../../../contract';
import { call } from '../../app/api';
import { errorMessage } from '../../components/apiErrors';
import { checkpointFileName, downloadJson } from './checkpointFile';

function VerifyResult({ result }: { result: AuditVerifyResult }) {
  const head = `${result.headHash.slice(0, 16)}…`;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }} data-testid="verify-result">
      {result.isIntact ? (
        <Alert type="success" showIcon title={`日志链完整：共 ${result.count} 条记录，未发现篡改`} description={`链头哈希 ${head}`} />
      ) : (
        <Alert
          type="error"
          showIcon
          title={result.broken ? `日志链在第 ${result.broken.seq} 条记录处断开` : '日志链不完整'}
          description={result.broken?.reason ?? `共 ${result.count} 条记录，链头哈希 ${head}`}
        />
      )}
      {result.checkpoint ? (
        <Alert
          type={result.checkpoint.matches ? 'success' : 'error'}
          showIcon
          title={result.checkpoint.matches ? '对照检查点：一致' : '对照检查点：不一致'}
          description={
            <>
              <div>{result.checkpoint.reason}</div>
              <div data-testid="checkpoint-signature">检查点签名：{result.checkpoint.signature.reason}</div>
            </>
          }
        />
      ) : null}
    </Flex>
  );
}

/** 校验日志链, against the live chain alone or also against a checkpoint exported earlier. */
export function VerifyPanel() {
  const { message } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const verify = useMutation({
    mutationFn: (checkpoint?: Checkpoint) => call('audit.verify', checkpoint ? { checkpoint } : {}),
    onError: (error) => void message.error(errorMessage(error)),
  });
  const exportCheckpoint = useMutation({
    mutationFn: () => call('audit.checkpoint'),
    onSuccess: (checkpoint) => {
      downloadJson(checkpointFileName(checkpoint), checkpoint);
      void message.success(`已导出检查点（${checkpoint.count} 条记录），请另行妥善保存`);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const onCheckpointFile = async (file: File | undefined) => {
    if (!file) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      void message.error('检查点文件不是有效的 JSON，请选择本系统导出的检查点文件');
      return;
    }
    verify.mutate(parsed as Checkpoint);
  };

  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate(undefined)}>
          校验日志链
        </Button>
        <Button icon={<FileSearchOutlined />} disabled={verify.isPending} onClick={() => fileInput.current?.click()}>
          对照检查点校验
        </Button>
        <Button icon={<CloudDownloadOutlined />} loading={exportCheckpoint.isPending} onClick={() => exportCheckpoint.mutate()}>
          导出检查点
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          onChange={(e) => {
            void onCheckpointFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
          检查点记录当前的记录条数和链头哈希，日后可据此证明此前的日志未被改动。
        </Typography.Text>
      </Flex>
      {verify.data ? <VerifyResult result={verify.data} /> : null}
    </>
  );
}
