import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { PageHeader } from './PageHeader';

/** A screen whose data could not be loaded: its header (with the way back) and the reason. */
export function PageFailure({ title, extra, message }: { title: ReactNode; extra?: ReactNode; message: string }) {
  return (
    <>
      <PageHeader title={title} extra={extra} />
      <Alert type="error" showIcon title={message} />
    </>
  );
}
