import { SaveOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Col, DatePicker, Flex, Form, Input, Row, Select, Typography, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { RETENTIONS, type DossierDto, type RequestOf, type Retention } from '../../../contract';
import { useApiError } from '../../components/useApiError';

export type DossierPatch = Omit<RequestOf<'dossiers.update'>, 'caseId'>;

interface FormProps {
  dossier: DossierDto;
  isLocked: boolean;
  save: (patch: DossierPatch) => Promise<unknown>;
  /** Told when the form has edits not yet saved, and when they are saved. */
  onDirty: (isDirty: boolean) => void;
}

function SaveButton({ isPending, isLocked }: { isPending: boolean; isLocked: boolean }) {
  return (
    <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={isPending} disabled={isLocked}>
      保存
    </Button>
  );
}

function useSave<T>(save: FormProps['save'], form: FormInstance<T>, onDirty: FormProps['onDirty']) {
  const showError = useApiError();
  return useMutation({ mutationFn: save, onSuccess: () => onDirty(false), onError: (error) => showError(error, form) });
}

interface CoverValues {
  filingNumber: string;
  retention: Retention | undefined;
}

/**
 * 档案封面 / 卷宗封面, case side (DB3206/T 1060 §5.5.1): 归档号 and 保管期限. 全宗号, 分类号, 案卷号 and
 * 档号 are the archive department's, assigned on acceptance, and shown here read-only.
 */
export function CoverForm({ dossier, isLocked, save, onDirty }: FormProps) {
  const [form] = Form.useForm<CoverValues>();
  const mutation = useSave(save, form, onDirty);
  const { cover } = dossier;
  // Assigned by the archive department on acceptance; empty until then.
  const assigned = (value: string | null) => ({ value: value ?? '', placeholder: '接收时分配', title: value ?? '接收归档时由档案部门分配' });
  return (
    <Form<CoverValues>
      form={form}
      name="dossier-cover"
      layout="vertical"
      disabled={isLocked}
      onValuesChange={() => onDirty(true)}
      initialValues={{ filingNumber: cover.filingNumber ?? '', retention: cover.retention ?? undefined }}
      onFinish={(values) => {
        const filingNumber = values.filingNumber?.trim();
        mutation.mutate({ ...(filingNumber ? { filingNumber } : {}), ...(values.retention ? { retention: values.retention } : {}) });
      }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item label="归档号" required extra={`8 位：办理年度 + 4 位流水号。下一个空闲号：${cover.suggestedFilingNumber}`}>
            <Flex gap={8}>
              <Form.Item name="filingNumber" noStyle>
                <Input maxLength={8} placeholder={`例如 ${cover.suggestedFilingNumber}`} style={{ flex: 1, minWidth: 100 }} />
              </Form.Item>
              <Button
                onClick={() => {
                  form.setFieldsValue({ filingNumber: cover.suggestedFilingNumber });
                  onDirty(true);
                }}
                disabled={isLocked}
              >
                使用建议号
              </Button>
            </Flex>
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="retention" label="保管期限" required>
            <Select placeholder="请选择" options={RETENTIONS.map((r) => ({ value: r, label: r }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="立卷单位">
            <Input readOnly value={cover.compilingUnit} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="案由">
            <Input readOnly value={cover.cause} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="全宗号">
            <Input id="dossier-cover_fondsNumber" readOnly value={cover.fondsNumber} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="分类号">
            <Input id="dossier-cover_classCode" readOnly {...assigned(cover.classCode)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="案卷号">
            <Input id="dossier-cover_volumeNumber" readOnly {...assigned(cover.volumeNumber)} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item label="档号">
            <Input id="dossier-cover_archivalCode" readOnly {...assigned(cover.archivalCode)} />
          </Form.Item>
        </Col>
      </Row>
      <SaveButton isPending={mutation.isPending} isLocked={isLocked} />
    </Form>
  );
}

interface RemarksValues {
  statement: string;
  compiler: string;
  checker: string;
  compiledOn: Dayjs | null;
  checkedOn: Dayjs | null;
}

const toDay = (iso: string | null) => (iso ? dayjs(iso) : null);
const fromDay = (day: Dayjs | null | undefined) => (day ? day.format('YYYY-MM-DD') : null);

/** 卷内备考表 (§5.5.5): 本卷情况说明 (drafted from the facts), 立卷人 ≠ 检查人, and their dates. */
export function RemarksForm({ dossier, isLocked, save, onDirty }: FormProps) {
  const [form] = Form.useForm<RemarksValues>();
  const mutation = useSave(save, form, onDirty);
  const { remarks } = dossier;
  return (
    <Form<RemarksValues>
      form={form}
      name="dossier-remarks"
      layout="vertical"
      disabled={isLocked}
      onValuesChange={() => onDirty(true)}
      initialValues={{
        statement: remarks.statement ?? '',
        compiler: remarks.compiler ?? '',
        checker: remarks.checker ?? '',
        compiledOn: toDay(remarks.compiledOn),
        checkedOn: toDay(remarks.checkedOn),
      }}
      onFinish={(v) =>
        mutation.mutate({
          statement: v.statement ?? '',
          compiler: v.compiler ?? '',
          checker: v.checker ?? '',
          compiledOn: fromDay(v.compiledOn),
          checkedOn: fromDay(v.checkedOn),
        })
      }
    >
      <Form.Item
        label={
          <Flex align="center" gap={8}>
            本卷情况说明
            <Button
              size="small"
              onClick={() => {
                form.setFieldsValue({ statement: remarks.draftStatement });
                onDirty(true);
              }}
              disabled={isLocked}
            >
              使用草稿
            </Button>
          </Flex>
        }
        name="statement"
        extra="不能空着、不能写“无”或划斜杠；留空时备考表使用下面的草稿。"
      >
        <Input.TextArea rows={3} maxLength={2000} showCount />
      </Form.Item>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="按当前卷内情况起草"
        description={<span data-testid="draft-statement">{remarks.draftStatement}</span>}
      />
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="compiler" label="立卷人" required>
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="compiledOn" label="立卷日期" required>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="checker" label="检查人" required extra="不能与立卷人是同一人">
            <Input maxLength={40} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="checkedOn" label="检查日期" required>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <SaveButton isPending={mutation.isPending} isLocked={isLocked} />
      <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
        Enter 保存
      </Typography.Text>
    </Form>
  );
}
