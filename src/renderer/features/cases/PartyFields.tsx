import { Col, Form, Input, InputNumber, Radio, Row, Segmented } from 'antd';

/** 当事人: a person (DB3206/T 1060 §4.8.1) or an organisation (§4.8.2). */
export function PartyFields() {
  return (
    <>
      <Form.Item name={['party', 'kind']} label="当事人类型" required>
        <Segmented
          options={[
            { value: 'person', label: '个人' },
            { value: 'organization', label: '单位' },
          ]}
        />
      </Form.Item>
      <Form.Item noStyle shouldUpdate={(a, b) => a.party?.kind !== b.party?.kind}>
        {({ getFieldValue }) =>
          getFieldValue(['party', 'kind']) === 'organization' ? (
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name={['party', 'name']} label="单位名称" required>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['party', 'address']} label="单位地址" required>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['party', 'legalRepresentative']} label="法定代表人（负责人）" required>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['party', 'representativeTitle']} label="职务" required>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          ) : (
            <Row gutter={16}>
              <Col span={8}>
                <Form.Item name={['party', 'name']} label="姓名" required>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['party', 'gender']} label="性别" required>
                  <Radio.Group
                    options={[
                      { value: '男', label: '男' },
                      { value: '女', label: '女' },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['party', 'age']} label="年龄" required>
                  <InputNumber min={0} max={150} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name={['party', 'occupation']} label="职业" required>
                  <Input />
                </Form.Item>
              </Col>
              <Col span={16}>
                <Form.Item name={['party', 'address']} label="住址" required>
                  <Input />
                </Form.Item>
              </Col>
            </Row>
          )
        }
      </Form.Item>
    </>
  );
}
