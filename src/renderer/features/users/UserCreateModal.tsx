import { Form, Input, Modal, Select } from 'antd';
import type { Role } from '../../../contract';
import { call } from '../../app/api';
import { ROLE_OPTIONS } from './roleOptions';
import { useUserMutation } from './useUserMutation';

interface Values {
  username: string;
  displayName: string;
  department: string;
  roles: Role[];
  password: string;
}

export function UserCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useUserMutation((values: Values) => call('users.create', values), '已新建人员', form, () => {
    form.resetFields();
    onClose();
  });
  return (
    <Modal
      title="新建人员"
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="新建"
      confirmLoading={create.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('username');
      }}
      forceRender
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" onFinish={(values) => create.mutate(values)} preserve={false}>
        <Form.Item name="username" label="用户名" required>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" required>
          <Input />
        </Form.Item>
        <Form.Item name="department" label="部门" required>
          <Input />
        </Form.Item>
        <Form.Item name="roles" label="角色" required>
          <Select mode="multiple" options={ROLE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="选择一个或多个角色" />
        </Form.Item>
        <Form.Item name="password" label="初始密码" required extra="至少 8 位；请当面告知本人，并提醒其登录后修改">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
