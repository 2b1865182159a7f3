import {
  AuditOutlined,
  BookOutlined,
  CheckSquareOutlined,
  ClearOutlined,
  DesktopOutlined,
  FileDoneOutlined,
  FilePdfOutlined,
  FileProtectOutlined,
  FolderOpenOutlined,
  KeyOutlined,
  LogoutOutlined,
  OrderedListOutlined,
  QuestionCircleOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SafetyOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UsbOutlined,
  UserOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { Button, Empty, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { ROLE_LABELS } from '../../contract';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';
import { AccessSettingsPage } from '../features/accessPolicy/AccessSettingsPage';
import { ExplainPage } from '../features/accessPolicy/ExplainPage';
import { AuditPage } from '../features/audit/AuditPage';
import { ApprovalsPage } from '../features/borrowing/ApprovalsPage';
import { MyBorrowingPage } from '../features/borrowing/MyBorrowingPage';
import { CaseDetailPage } from '../features/cases/CaseDetailPage';
import { CaseListPage } from '../features/cases/CaseListPage';
import { DossierBuilderPage } from '../features/dossiers/DossierBuilderPage';
import { DossierListPage } from '../features/dossiers/DossierListPage';
import { ReadingRoomPage } from '../features/reading/ReadingRoomPage';
import { RecordPage } from '../features/records/RecordPage';
import { RulesPage } from '../features/rules/RulesPage';
import { ScanConvertPage } from '../features/pdf/ScanConvertPage';
import { VerifyPdfPage } from '../features/pdf/VerifyPdfPage';
import { SigningCertificatePage } from '../features/signing/SigningCertificatePage';
import { SigningKeyBanner } from '../features/signing/SigningKeyBanner';
import { TerminalsPage } from '../features/terminals/TerminalsPage';
import { ThisTerminalButton } from '../features/terminals/ThisTerminalButton';
import { UsersPage } from '../features/users/UsersPage';
import { CertificatesPage } from '../features/media/CertificatesPage';
import { MediaRegisterPage } from '../features/media/MediaRegisterPage';
import { MediaRequestsPage } from '../features/media/MediaRequestsPage';
import { MediaRulesPage } from '../features/media/MediaRulesPage';
import { WipeWizardPage } from '../features/media/WipeWizardPage';
import { ErecordsPage } from '../features/erecords/ErecordsPage';
import { isOpenByAddress, menuFor, type Area, type MenuArea } from './navigation';
import { navigate, useRoute, type Route } from './route';
import { useSession } from './session';
import { useIdleWatch } from './useIdleWatch';

const ICONS: Record<MenuArea, ReactNode> = {
  cases: <FolderOpenOutlined />,
  dossiers: <BookOutlined />,
  borrowing: <ReadOutlined />,
  approvals: <CheckSquareOutlined />,
  policy: <SafetyOutlined />,
  explain: <QuestionCircleOutlined />,
  rules: <OrderedListOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  scans: <FilePdfOutlined />,
  signing: <SafetyCertificateOutlined />,
  terminals: <DesktopOutlined />,
  verify: <FileProtectOutlined />,
  media: <UsbOutlined />,
  mediaRequests: <SolutionOutlined />,
  wipe: <ClearOutlined />,
  certificates: <FileDoneOutlined />,
  mediaRules: <SettingOutlined />,
  erecords: <VideoCameraOutlined />,
};

function areaOf(route: Route): Area | null {
  if (route.page === 'case' || route.page === 'cases' || route.page === 'record') return 'cases';
  if (route.page === 'dossier') return 'dossiers';
  if (route.page === 'home') return null;
  return route.page;
}

export function AppShell() {
  const { session, signOut } = useSession();
  const route = useRoute();
  const [isChangingPassword, setChangingPassword] = useState(false);
  useIdleWatch(session.idleMinutes);

  const menu = menuFor(session.permissions);
  const requested = areaOf(route);
  const isAllowed = requested !== null && (menu.some((m) => m.area === requested) || isOpenByAddress(requested));
  const fallback = menu[0]?.area ?? null;
  const area: Area | null = isAllowed ? requested : fallback;

  useEffect(() => {
    // Land on the first screen the roles allow rather than on one whose calls would be refused.
    if (!isAllowed && fallback) navigate({ page: fallback });
  }, [isAllowed, fallback]);

  let content: ReactNode;
  if (!area) content = <Empty style={{ marginTop: 96 }} description="您的角色暂无可用的功能，请联系系统管理员分配角色。" />;
  else if (area === 'cases') {
    content =
      route.page === 'record' ? (
        <RecordPage key={route.recordId} caseId={route.caseId} recordId={route.recordId} />
      ) : route.page === 'case' ? (
        <CaseDetailPage caseId={route.caseId} />
      ) : (
        <CaseListPage />
      );
  }
  else if (area === 'dossiers') {
    content = route.page === 'dossier' ? <DossierBuilderPage key={route.caseId} caseId={route.caseId} /> : <DossierListPage />;
  }
  else if (area === 'rules') content = <RulesPage />;
  else if (area === 'users') content = <UsersPage />;
  else if (area === 'scans') content = <ScanConvertPage />;
  else if (area === 'signing') content = <SigningCertificatePage />;
  else if (area === 'terminals') content = <TerminalsPage />;
  else if (area === 'borrowing') content = <MyBorrowingPage />;
  else if (area === 'approvals') content = <ApprovalsPage />;
  else if (area === 'reading' && route.page === 'reading') content = <ReadingRoomPage key={route.caseId} caseId={route.caseId} />;
  else if (area === 'policy') content = <AccessSettingsPage />;
  else if (area === 'explain') content = <ExplainPage />;
  else if (area === 'verify') content = <VerifyPdfPage />;
  else if (area === 'media') content = <MediaRegisterPage />;
  else if (area === 'mediaRequests') content = <MediaRequestsPage />;
  else if (area === 'wipe') content = <WipeWizardPage />;
  else if (area === 'certificates') content = <CertificatesPage />;
  else if (area === 'mediaRules') content = <MediaRulesPage />;
  else if (area === 'erecords') content = <ErecordsPage />;
  else content = <AuditPage />;

  return (
    <Layout style={{ height: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#1f4e79', paddingInline: 20 }}>
        <Typography.Text strong style={{ color: '#fff', fontSize: 16, whiteSpace: 'nowrap' }}>
          执法案卷归档工作站
        </Typography.Text>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.85)', whiteSpace: 'nowrap' }} data-testid="unit-name">
          {session.unit.compilingUnit}（全宗号 {session.unit.fondsNumber}）
        </Typography.Text>
        <div style={{ flex: 1 }} />
        <Space size="small" wrap={false}>
          <UserOutlined style={{ color: '#fff' }} />
          <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
            {session.user.displayName}
          </Typography.Text>
          {session.user.roles.map((role) => (
            <Tag key={role} color="blue" variant="outlined" style={{ marginInlineEnd: 0 }}>
              {ROLE_LABELS[role]}
            </Tag>
          ))}
          <ThisTerminalButton />
          <Button type="text" style={{ color: '#fff' }} icon={<KeyOutlined />} onClick={() => setChangingPassword(true)}>
            修改密码
          </Button>
          <Button type="text" style={{ color: '#fff' }} icon={<LogoutOutlined />} onClick={() => void signOut()}>
            退出
          </Button>
        </Space>
      </Layout.Header>
      <Layout style={{ minHeight: 0 }}>
        <Layout.Sider width={180} theme="light">
          <Menu
            mode="inline"
            // The reading room belongs with 我的借阅 (or, for the archive department, with the cases).
            selectedKeys={area === 'reading' ? [menu.some((m) => m.area === 'borrowing') ? 'borrowing' : 'cases'] : area ? [area] : []}
            style={{ height: '100%', borderInlineEnd: 0 }}
            items={menu.map((entry) => ({ key: entry.area, label: entry.label, icon: ICONS[entry.area] }))}
            onClick={({ key }) => navigate({ page: key as MenuArea })}
          />
        </Layout.Sider>
        {/* A column that fills the window, so that a long list scrolls inside its table, not the page. */}
        <Layout.Content style={{ padding: 20, minWidth: 0, overflow: 'auto', display: 'flex', flexDirection: 'column' }}>
          <SigningKeyBanner />
          {content}
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={isChangingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
