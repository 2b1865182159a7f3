import { Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import type { Role, UserDto } from '../../../contract';
import { call } from '../../app/api';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { ROLE_OPTIONS } from './roleOptions';
import { useUserMutation } from './useUserMutation';

export function UserEditModal({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const [form] = Form.useForm<{ displayName: string; department: string }>();
  const save = useUserMutation(
    (values: { displayName: string; department: string }) => call('users.update', { userId: user!.id, ...values }),
    '人员信息已保存',
    form,
    onClose,
  );
  useEffect(() => {
    if (user) form.setFieldsValue({ displayName: user.displayName, department: user.department });
  }, [user, form]);
  return (
    <Modal
      title={`编辑人员 ${user?.username ?? ''}`}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('displayName');
      }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item name="displayName" label="姓名" required>
          <Input />
        </Form.Item>
        <Form.Item name="department" label="部门" required>
          <Input />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

export function UserRolesModal({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const [form] = Form.useForm<{ roles: Role[]; confirmPassword: string }>();
  const save = useUserMutation(
    (values: { roles: Role[]; confirmPassword: string }) => call('users.setRoles', { userId: user!.id, roles: values.roles, confirmPassword: values.confirmPassword ?? '' }),
    '角色已设置',
    form,
    onClose,
  );
  useEffect(() => {
    // The password is asked afresh each time: never kept from an earlier opening.
    if (user) form.setFieldsValue({ roles: user.roles, confirmPassword: '' });
  }, [user, form]);
  return (
    <Modal
      title={`设置角色：${user?.displayName ?? ''}`}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="保存"
      confirmLoading={save.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('roles');
      }}
      forceRender
    >
      {/* Named: these modals are all mounted at once, and unnamed forms would share the ids roles and confirmPassword. */}
      <Form form={form} name="user-roles" layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item name="roles" label="角色" required extra="系统管理员、安全保密管理员、安全审计员三员分立，不宜由同一人兼任">
          <Select mode="multiple" options={ROLE_OPTIONS} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <ConfirmPasswordField extra="更改角色须再次输入您本人的登录密码" />
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}

export function ResetPasswordModal({ user, onClose }: { user: UserDto | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string; confirmPassword: string }>();
  const reset = useUserMutation(
    (values: { password: string }) => call('users.resetPassword', { userId: user!.id, password: values.password }),
    '密码已重置',
    form,
    onClose,
  );
  return (
    <Modal
      title={`重置密码：${user?.displayName ?? ''}`}
      open={user !== null}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText="重置"
      confirmLoading={reset.isPending}
      destroyOnHidden
      afterOpenChange={(isOpen) => {
        if (isOpen) form.focusField('password');
      }}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(values) => reset.mutate(values)} preserve={false}>
        <Form.Item name="password" label="新密码" required extra="至少 8 位">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label="确认新密码"
          required
          dependencies={['password']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
