import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Result, Spin } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SessionInfo } from '../../contract';
import { errorMessage, isUnauthenticated } from '../components/apiErrors';
import { LoginScreen } from '../features/auth/LoginScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { call } from './api';
import { AppShell } from './AppShell';
import { failures, sessionEnded, type SessionEndReason } from './bus';
import { SESSION_KEY, SETUP_KEY, resetForSession } from './queryClient';
import { SessionContext, type SessionContextValue } from './session';

const END_NOTICES: Record<SessionEndReason, string | null> = {
  idle: '长时间未操作，登录已失效，请重新登录',
  unauthenticated: '登录已失效，请重新登录',
  logout: null,
};

async function fetchSession(): Promise<SessionInfo | null> {
  try {
    return await call('auth.session');
  } catch (error) {
    if (isUnauthenticated(error)) return null;
    throw error;
  }
}

/** Boot: unit set-up on first run, then login, then the workstation. */
export function App() {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [notice, setNotice] = useState<string | null>(null);

  const status = useQuery({ queryKey: SETUP_KEY, queryFn: () => call('setup.status'), staleTime: Infinity });
  const session = useQuery({
    queryKey: SESSION_KEY,
    queryFn: fetchSession,
    enabled: status.data?.isSetUp === true,
    staleTime: Infinity,
  });
  const hasSession = useRef(false);
  hasSession.current = Boolean(session.data);

  useEffect(() => failures.subscribe((error) => void message.error(errorMessage(error))), [message]);

  useEffect(
    () =>
      sessionEnded.subscribe((reason) => {
        if (!hasSession.current) return;
        hasSession.current = false;
        resetForSession(queryClient, null);
        setNotice(END_NOTICES[reason]);
      }),
    [queryClient],
  );

  useEffect(
    () =>
      window.archive.onEvent((event) => {
        if (event.type !== 'session.ended' || !hasSession.current) return;
        // The event may concern another window of the same host; only the core knows whether ours ended.
        void fetchSession().then((current) => {
          if (current === null) sessionEnded.emit(event.reason);
        });
      }),
    [],
  );

  const signIn = useCallback(
    (info: SessionInfo) => {
      setNotice(null);
      resetForSession(queryClient, info);
      void queryClient.invalidateQueries({ queryKey: SETUP_KEY });
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await call('auth.logout');
    } catch (error) {
      if (!isUnauthenticated(error)) {
        void message.error(errorMessage(error));
        return;
      }
    }
    hasSession.current = false;
    resetForSession(queryClient, null);
    setNotice('已退出登录');
  }, [queryClient, message]);

  const context = useMemo<SessionContextValue | null>(
    () => (session.data ? { session: session.data, signOut } : null),
    [session.data, signOut],
  );

  if (status.isPending) return <FullScreenSpin />;
  if (status.isError) {
    return (
      <Result
        status="error"
        title="无法连接工作站服务"
        subTitle={errorMessage(status.error)}
        extra={<Button onClick={() => void status.refetch()}>重试</Button>}
      />
    );
  }
  if (!status.data.isSetUp) return <SetupScreen keyProtection={status.data.keyProtection} onSignedIn={signIn} />;
  if (session.isPending) return <FullScreenSpin />;
  if (!context) return <LoginScreen unit={status.data.unit} notice={notice} onSignedIn={signIn} />;
  return (
    <SessionContext.Provider value={context}>
      <AppShell />
    </SessionContext.Provider>
  );
}

function FullScreenSpin() {
  return (
    <div className="screen-centered">
      <Spin size="large" />
    </div>
  );
}
