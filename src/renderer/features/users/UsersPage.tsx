import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Popconfirm, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ROLE_LABELS, type UserDto } from '../../../contract';
import { call } from '../../app/api';
import { useCan, useSession } from '../../app/session';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/apiErrors';
import { formatDateTime } from '../../components/format';
import { UserCreateModal } from './UserCreateModal';
import { ResetPasswordModal, UserEditModal, UserRolesModal } from './UserEditModals';
import { useUserMutation } from './useUserMutation';

const isLocked = (u: UserDto) => u.lockedUntil !== null && dayjs(u.lockedUntil).isAfter(dayjs());

export function UsersPage() {
  const { session } = useSession();
  const users = useQuery({ queryKey: ['users.list'], queryFn: () => call('users.list') });
  const [isCreating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserDto | null>(null);
  const [settingRoles, setSettingRoles] = useState<UserDto | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  // 三员分立: the system administrator keeps accounts (people.manage), the security administrator roles (roles.assign).
  const canManage = useCan('people.manage');
  const canAssignRoles = useCan('roles.assign');
  const unlock = useUserMutation((u: UserDto) => call('users.unlock', { userId: u.id }), '账号已解锁');
  const setActive = useUserMutation(
    ({ user, isActive }: { user: UserDto; isActive: boolean }) => call('users.update', { userId: user.id, isActive }),
    '账号状态已更新',
  );

  const columns: TableColumnsType<UserDto> = [
    { title: '用户名', dataIndex: 'username', width: 130 },
    { title: '姓名', dataIndex: 'displayName', width: 110 },
    { title: '部门', dataIndex: 'department', width: 140 },
    {
      title: '角色',
      key: 'roles',
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.roles.map((r) => (
            <Tag key={r}>{ROLE_LABELS[r]}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 150,
      render: (_, u) =>
        !u.isActive ? (
          <Tag>已停用</Tag>
        ) : isLocked(u) ? (
          <Tooltip title={`锁定至 ${formatDateTime(u.lockedUntil)}`}>
            <Tag color="red">已锁定</Tag>
          </Tooltip>
        ) : (
          <Tag color="green">正常</Tag>
        ),
    },
    { title: '创建时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
    {
      title: '操作',
      key: 'actions',
      width: 330,
      render: (_, u) => {
        const isSelf = u.id === session.user.id;
        return (
          <Space size={0} wrap>
            {canManage ? (
              <Button type="link" size="small" onClick={() => setEditing(u)}>
                编辑
              </Button>
            ) : null}
            {canAssignRoles ? (
              <Button type="link" size="small" onClick={() => setSettingRoles(u)}>
                设置角色
              </Button>
            ) : null}
            {canManage ? (
              <Button type="link" size="small" onClick={() => setResetting(u)}>
                重置密码
              </Button>
            ) : null}
            {canManage && isLocked(u) ? (
              <Button type="link" size="small" onClick={() => unlock.mutate(u)}>
                解锁
              </Button>
            ) : null}
            {canManage ? (
              <Popconfirm
                title={u.isActive ? `停用 ${u.displayName} 的账号？停用后不能登录。` : `启用 ${u.displayName} 的账号？`}
                okText={u.isActive ? '停用' : '启用'}
                cancelText="取消"
                onConfirm={() => setActive.mutate({ user: u, isActive: !u.isActive })}
                disabled={isSelf && u.isActive}
              >
                <Button type="link" size="small" danger={u.isActive} disabled={isSelf && u.isActive}>
                  {u.isActive ? '停用' : '启用'}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageHeader
        title="人员与角色"
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建人员
            </Button>
          ) : null
        }
      />
      {users.isError ? <Alert type="error" showIcon title={errorMessage(users.error)} style={{ marginBottom: 16 }} /> : null}
      <Table<UserDto>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={users.data ?? []}
        loading={users.isPending}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: '没有人员' }}
      />
      <UserCreateModal open={isCreating} onClose={() => setCreating(false)} />
      <UserEditModal user={editing} onClose={() => setEditing(null)} />
      <UserRolesModal user={settingRoles} onClose={() => setSettingRoles(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
