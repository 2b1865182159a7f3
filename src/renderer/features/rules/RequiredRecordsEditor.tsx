import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Form, Input, Row, Select } from 'antd';
import type { Procedure } from '../../../contract';
import { LEVEL_LABELS, NEW_REQUIRED_RULE, type TypeOptionGroup } from './rulesModel';
import { TypePicker } from './TypePicker';

const LEVEL_OPTIONS = (Object.keys(LEVEL_LABELS) as (keyof typeof LEVEL_LABELS)[]).map((level) => ({ value: level, label: LEVEL_LABELS[level] }));

interface RequiredRecordsEditorProps {
  procedure: Procedure;
  typeOptions: TypeOptionGroup[];
  isCatalogLoading: boolean;
  disabled: boolean;
}

/**
 * The records one procedure requires before archiving (DB3206/T 1060 §5; DOMAIN.md checks): each rule
 * is met by any one of its record types, and says in words what is missing when none is there.
 */
export function RequiredRecordsEditor({ procedure, typeOptions, isCatalogLoading, disabled }: RequiredRecordsEditorProps) {
  return (
    <Form.List name={['requiredRecords', procedure]}>
      {(fields, { add, remove }) => (
        <Card size="small" title={procedure} data-testid={`required-${procedure}`} style={{ marginBottom: 16 }}>
          {fields.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={`${procedure}没有必备文书规则`} /> : null}
          {fields.map((field, index) => (
            <Row key={field.key} gutter={8} align="top" data-testid="required-rule">
              <Col xs={24} md={7}>
                <Form.Item name={[field.name, 'label']} label={index === 0 ? '缺少时提示' : undefined} required>
                  <Input maxLength={100} aria-label={`${procedure}第 ${index + 1} 条：缺少时提示`} placeholder="例如：结案报告表" />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name={[field.name, 'anyOf']} label={index === 0 ? '以下任一文书即满足' : undefined} required>
                  <TypePicker options={typeOptions} isLoading={isCatalogLoading} disabled={disabled} placeholder="选择文书类型" ariaLabel={`${procedure}第 ${index + 1} 条：文书类型`} />
                </Form.Item>
              </Col>
              <Col xs={20} md={4}>
                <Form.Item name={[field.name, 'level']} label={index === 0 ? '级别' : undefined}>
                  <Select options={LEVEL_OPTIONS} aria-label={`${procedure}第 ${index + 1} 条：级别`} />
                </Form.Item>
              </Col>
              <Col xs={4} md={1} style={{ paddingTop: index === 0 ? 30 : 0 }}>
                {disabled ? null : <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除${procedure}第 ${index + 1} 条`} onClick={() => remove(field.name)} />}
              </Col>
            </Row>
          ))}
          {disabled ? null : (
            <Button icon={<PlusOutlined />} onClick={() => add({ ...NEW_REQUIRED_RULE })}>
              添加{procedure}必备文书
            </Button>
          )}
        </Card>
      )}
    </Form.List>
  );
}
