import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';

export function CenteredCard({ title, subtitle, width = 440, children }: { title: string; subtitle?: ReactNode; width?: number; children: ReactNode }) {
  return (
    <div className="screen-centered">
      <Card style={{ width, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ marginTop: 0, textAlign: 'center' }}>
          执法案卷归档工作站
        </Typography.Title>
        <Typography.Title level={5} style={{ marginTop: 0, textAlign: 'center', fontWeight: 'normal' }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph> : null}
        {children}
      </Card>
    </div>
  );
}
