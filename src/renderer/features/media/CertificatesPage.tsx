import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Input, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../app/api';
import { PageHeader } from '../../components/PageHeader';
import { errorMessage } from '../../components/apiErrors';
import { useDebounced } from '../../components/useDebounced';
import { CertificateTable } from './CertificateTable';
import { MEDIA_KEY } from './mediaModel';

/** 清除证书 (NIST SP 800-88 Rev. 1 Appendix G): every certificate of sanitization the register keeps. */
export function CertificatesPage() {
  const [tagText, setTagText] = useState('');
  const tag = useDebounced(tagText.trim().toUpperCase(), 300);
  const list = useQuery({
    queryKey: [...MEDIA_KEY, 'certificates', tag],
    queryFn: () => call('media.certificates', tag ? { tag } : {}),
    staleTime: 0,
  });
  return (
    <div>
      <PageHeader
        title="清除证书"
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">
        每次清除或交付销毁都出具一份证书（NIST SP 800-88 附录 G）：执行人、介质、方法、工具及版本、校验结果、去向和复核人，以本单位证书签章的 PDF/A 和 JSON 各一份。
      </Typography.Paragraph>
      <Flex gap={8} style={{ marginBottom: 12 }}>
        <Input.Search allowClear aria-label="资产编号" placeholder="按资产编号筛选" style={{ width: 260 }} value={tagText} onChange={(e) => setTagText(e.target.value)} />
      </Flex>
      {list.isError ? <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} /> : null}
      <CertificateTable certificates={list.data ?? []} isLoading={list.isPending} testId="certificates-table" />
    </div>
  );
}
