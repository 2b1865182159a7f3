import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Radio, Typography, type InputRef } from 'antd';
import { useEffect, useRef } from 'react';
import type { WipePlanDto, WipeResultDto } from '../../../contract';
import { call } from '../../app/api';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { JobProgress } from '../../components/JobProgress';
import { useApiError } from '../../components/useApiError';
import { useJob } from '../../components/useJob';
import { WitnessFields } from './WitnessFields';
import { MEDIA_KEY, linesToPaths, resumedPercent, type WizardPath } from './mediaModel';

interface Values {
  device: string;
  verification: 'full' | 'sample';
  paths: string;
  witness: string;
  witnessPassword: string;
  confirmPassword: string;
}

/**
 * The run (NIST SP 800-88; DB3206/T 1060 §6.1.3 d): the target typed (the core refuses the system disk,
 * the app's own data and any target that is not the registered medium), the verification, the witness
 * and the officer's own password; then the job with progress and 取消. A cancelled or crashed run
 * stays resumable, and the plan offers 继续.
 */
export function WipeRunForm({ plan, path, onDone }: { plan: WipePlanDto; path: Exclude<WizardPath, 'destruction'>; onDone: (result: WipeResultDto) => void }) {
  const [form] = Form.useForm<Values>();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const { job, run, cancel, isCancelling } = useJob();

  const deviceInput = useRef<InputRef>(null);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue({ device: '', verification: 'full', paths: '', witness: '', witnessPassword: '', confirmPassword: '' });
    // Typing starts at the target, without scrolling the plan above out of sight; after the reset has
    // rendered, since resetting mounts the fields afresh.
    const timer = setTimeout(() => deviceInput.current?.focus({ preventScroll: true }));
    return () => clearTimeout(timer);
  }, [plan.tag, path, form]);

  const wipe = useMutation({
    mutationFn: (values: Values): Promise<WipeResultDto> => {
      const people = { tag: plan.tag, witness: (values.witness ?? '').trim(), witnessPassword: values.witnessPassword ?? '', confirmPassword: values.confirmPassword ?? '' };
      if (path === 'crypto') return call('media.cryptoErase', people);
      const device = (values.device ?? '').trim();
      if (path === 'files') {
        return run(`正在清除 ${plan.tag} 上的文件…`, (jobId) => call('media.wipeFiles', { ...people, device, paths: linesToPaths(values.paths ?? ''), jobId }));
      }
      return run(`正在清除 ${plan.tag}…`, (jobId) => call('media.wipe', { ...people, device, verification: values.verification, jobId }));
    },
    onSuccess: (result) => onDone(result),
    onError: (error) => {
      showError(error, form);
      // A cancelled or failed run may have left a checkpoint: the plan then offers 继续.
      void queryClient.invalidateQueries({ queryKey: [...MEDIA_KEY, 'wipePlan', plan.tag] });
    },
  });

  const isBusy = wipe.isPending;
  const startLabel = path === 'crypto' ? '销毁介质密钥' : plan.resumable && path === 'wipe' ? `继续清除（已完成 ${resumedPercent(plan.resumable)}%）` : '开始清除';
  return (
    <Form form={form} name="media-wipe-run" layout="vertical" onFinish={(values) => !isBusy && wipe.mutate(values)} style={{ maxWidth: 760 }}>
      {path === 'crypto' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="密码擦除销毁本程序为该介质保存的密钥"
          description="本程序写入该介质的记录都以该介质自己的密钥加密；密钥销毁后，介质上的密文无法再解密。介质上不是本程序写入的数据不受影响。"
        />
      ) : (
        <Form.Item
          name="device"
          label={path === 'files' ? '已挂载介质的文件夹' : '目标设备路径'}
          required
          extra={
            path === 'files'
              ? '介质挂载后的文件夹，例如 /media/anquan/NTYC-2026-0001'
              : '块设备（如 /dev/sdb）或磁盘镜像文件。程序先核验介质上的身份记录；系统盘、本程序数据所在的磁盘、身份不符的目标一律拒绝。'
          }
        >
          <Input ref={deviceInput} maxLength={1000} autoComplete="off" spellCheck={false} />
        </Form.Item>
      )}
      {path === 'files' ? (
        <Form.Item name="paths" label="要清除的文件" required extra="相对于上面文件夹的路径，每行一个；文件夹逐个文件清除">
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} spellCheck={false} />
        </Form.Item>
      ) : null}
      {path === 'wipe' ? (
        <Form.Item name="verification" label="校验方式" required>
          <Radio.Group
            options={[
              { value: 'full', label: '全盘回读校验（每个字节）' },
              { value: 'sample', label: '抽样校验（NIST SP 800-88 §4.7.3，较快，证书注明）' },
            ]}
          />
        </Form.Item>
      ) : null}
      <WitnessFields role="复核人" />
      <ConfirmPasswordField extra="清除须再次输入您本人的登录密码" />
      {job ? (
        <div style={{ marginBottom: 16 }}>
          <JobProgress job={job} onCancel={() => void cancel()} isCancelling={isCancelling} testId="wipe-job" />
          <Typography.Text type="secondary">取消后已完成的部分保留检查点，可稍后继续。</Typography.Text>
        </div>
      ) : null}
      <Button type="primary" danger htmlType="submit" loading={isBusy} disabled={plan.approvedRequestId === null}>
        {startLabel}
      </Button>
    </Form>
  );
}
