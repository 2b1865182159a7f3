import { useQuery } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { call } from '../../app/api';
import { useCan } from '../../app/session';
import { SIGNING_STATUS_KEY } from './certificateFormat';
import { UnlockKeyModal } from './UnlockKeyModal';

/** Above the page in the content column (a flex column): keeps its height and leaves a gap. */
const BANNER_STYLE = { marginBottom: 16, flexShrink: 0 } as const;

/**
 * After sign-in, for the people who sign (records.write) and the administrator: says at once when
 * the unit's key cannot be used in this run, and offers to unlock it where a passphrase can.
 */
export function SigningKeyBanner() {
  const signs = useCan('records.write');
  const manages = useCan('people.manage');
  const status = useQuery({ queryKey: SIGNING_STATUS_KEY, queryFn: () => call('signing.status'), enabled: signs || manages });
  const [isUnlocking, setUnlocking] = useState(false);
  const current = status.data?.current;
  if (!current || status.data?.canSign) return null;

  // An 'os' key opens only on the computer and Windows account that sealed it; a passphrase cannot help.
  const isOsKey = current.protection === 'os';
  return (
    <>
      <Alert
        type="warning"
        showIcon
        banner
        style={BANNER_STYLE}
        data-testid="signing-key-banner"
        title={isOsKey ? '本机无法使用单位签章私钥' : '签章私钥尚未解锁'}
        description={
          isOsKey
            ? '当前签章私钥由操作系统密钥库保护，只能在创建它的电脑和 Windows 账户中使用，因此本机暂时不能生成签章 PDF。请在那台电脑上签章，或请系统管理员在“签章证书”中导入新证书。'
            : `${status.data?.keyProtection === 'os' ? '当前签章私钥以口令加密保存（例如由命令行创建）' : '本机没有系统密钥库，单位签章私钥以口令加密保存'}。程序启动后需输入一次私钥保护口令，才能生成签章 PDF。`
        }
        action={
          isOsKey ? undefined : (
            <Button type="primary" size="small" onClick={() => setUnlocking(true)}>
              解锁签章私钥
            </Button>
          )
        }
      />
      {isOsKey ? null : <UnlockKeyModal open={isUnlocking} isChoosing={false} onClose={() => setUnlocking(false)} />}
    </>
  );
}
