import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Typography } from 'antd';
import type { CaseImportResult } from '../../../contract';
import { call } from '../../app/api';
import { FormModal } from '../../components/FormModal';
import { useApiError } from '../../components/useApiError';

/** The core reads the folder itself, so the path is one on the workstation, not an upload. */
export function ImportFolderModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (result: CaseImportResult) => void;
}) {
  const [form] = Form.useForm<{ folder: string }>();
  const { message } = App.useApp();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const importFolder = useMutation({
    mutationFn: (values: { folder: string }) => call('cases.importFolder', values),
    onSuccess: (result) => {
      void message.success(`已导入案件 ${result.case.caseNumber}：文书 ${result.recordCount} 件，文件 ${result.fileCount} 个`);
      void queryClient.invalidateQueries({ queryKey: ['cases.list'] });
      form.resetFields();
      onImported(result);
    },
    onError: (error) => showError(error, form),
  });

  return (
    <FormModal open={open} title="导入案件文件夹" okText="导入" isPending={importFolder.isPending} form={form} focusField="folder" onClose={onClose}>
      <Typography.Paragraph type="secondary">
        填写本机上案件文件夹的完整路径。文件夹中的案件信息和文书将作为一个新案件导入。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => importFolder.mutate(values)}>
        <Form.Item name="folder" label="案件文件夹路径" required>
          <Input placeholder="例如：D:\案件\2024年度第12号" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
