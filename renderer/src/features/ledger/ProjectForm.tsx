/**
 * Create / edit a project. Each field is checked on the spot with the same zod rule the core applies,
 * and errors the core returns (duplicates, cross-field dates) land on the field they name.
 */
import { useGuardedClose } from '../../lib/use-guarded-close.ts';
import { NAME_SEARCH, orgOption, staffOption, vocabOptions } from '../../lib/options.ts';
import { App as AntApp, Checkbox, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Button } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { formatWanExact } from '../../../../shared/domain/money.ts';
import {
  CATEGORIES,
  DELIVERY_MODES,
  NATURES,
  PROJECT_STATUSES,
  PROJECT_TAGS,
  STAGE_GROUPS,
  SUBCATEGORIES,
} from '../../../../shared/domain/vocab.ts';
import type { Lookups } from '../../../../shared/schemas/org.ts';
import { projectFields, type Project, type ProjectInput } from '../../../../shared/schemas/project.ts';
import { call } from '../../lib/api.ts';
import { applyApiError } from '../../lib/form-errors.ts';
import { useProjectPicker } from '../../lib/use-project-picker.ts';
import { shortOf } from '../../../../shared/fields/registry.ts';
import { YearInput } from '../../components/YearInput.tsx';
import { DateInput, dayRule } from '../../components/DateInput.tsx';

/** Form labels come from the field registry, the same names as the grid's columns and the messages. */
const F = (key: string): string => shortOf('project', key);

type FormValues = Partial<ProjectInput>;

/** An antd rule backed by the contract's own field schema. */
const fieldRule = (key: keyof typeof projectFields) => ({
  validator: async (_: unknown, value: unknown) => {
    const r = projectFields[key].safeParse(value);
    if (!r.success) throw new Error(r.error.issues[0]?.message ?? '输入有误');
  },
});

function toValues(p: Project): FormValues {
  return {
    code: p.code,
    name: p.name,
    planYear: p.planYear,
    parentId: p.parentId,
    category: p.category as FormValues['category'],
    subcategory: p.subcategory,
    stageGroup: p.stageGroup as FormValues['stageGroup'],
    nature: p.nature as FormValues['nature'],
    location: p.location,
    villageOrgId: p.villageOrgId,
    scope: p.scope,
    totalWan: formatWanExact(p.totalFen),
    approx: p.approx,
    openingCumWan: p.openingCumFen ? formatWanExact(p.openingCumFen) : null,
    openingCumYear: p.openingCumYear,
    yearFrom: p.yearFrom,
    yearTo: p.yearTo,
    planStart: p.planStart,
    planEnd: p.planEnd,
    actStart: p.actStart,
    actEnd: p.actEnd,
    status: p.status as FormValues['status'],
    leadOrgId: p.leadOrgId,
    responsibleOrgIds: p.responsibleOrgIds,
    leaderStaffId: p.leaderStaffId,
    contact: p.contact,
    phone: p.phone,
    delivery: p.delivery as FormValues['delivery'],
    tags: p.tags,
    note: p.note,
  };
}

function toInput(v: FormValues): ProjectInput {
  const out: Record<string, unknown> = { ...v };
  for (const [k, val] of Object.entries(out)) if (val === undefined) out[k] = null;
  for (const k of ['approx', 'govFunded', 'inStats', 'needsMatching']) if (out[k] === null) delete out[k];
  for (const k of ['responsibleOrgIds', 'tags']) if (out[k] === null) out[k] = [];
  return out as ProjectInput;
}

export interface ProjectFormProps {
  open: boolean;
  editing: Project | null;
  defaultYear: number;
  lookups: Lookups;
  onClose: () => void;
  onSaved: (p: Project) => void;
}

export function ProjectForm({ open, editing, defaultYear, lookups, onClose, onSaved }: ProjectFormProps) {
  const [form] = Form.useForm<FormValues>();
  const { close, markClean } = useGuardedClose(form, onClose);
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      editing
        ? toValues(editing)
        : { planYear: defaultYear, status: '前期', responsibleOrgIds: [], tags: [], approx: false },
    );
    markClean();
  }, [open, editing, defaultYear, form, markClean]);

  const orgOptions = useMemo(() => lookups.orgs.map(orgOption), [lookups]);
  const villageOptions = useMemo(() => lookups.orgs.filter((o) => o.level === '村').map(orgOption), [lookups]);
  const staffOptions = useMemo(() => lookups.staff.filter((s) => s.active).map(staffOption), [lookups]);
  const parentOptions = useProjectPicker({
    scope: 'top',
    keep: editing?.parentId ? [editing.parentId] : [],
    enabled: open,
    exclude: editing?.id,
  });

  const submit = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      message.error('请按红字提示修改后再保存');
      return;
    }
    setSaving(true);
    try {
      const input = toInput(values);
      const saved = editing
        ? await call('projects:update', { id: editing.id, patch: input })
        : await call('projects:create', input);
      message.success(editing ? `已保存“${saved.name}”` : `已新增“${saved.name}”`);
      onSaved(saved);
    } catch (e) {
      message.error(applyApiError(form, e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      title={editing ? `编辑项目：${editing.name}` : '新增项目'}
      open={open}
      onClose={close}
      width={880}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={close}>取消</Button>
          <Button type="primary" loading={saving} onClick={submit}>
            保存
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" requiredMark onFinish={submit} scrollToFirstError>
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="code" label={F('code')} rules={[fieldRule('code')]}>
              <Input placeholder="如 2017-01" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={F('name')} required rules={[fieldRule('name')]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="planYear" label={F('planYear')} required rules={[fieldRule('planYear')]}>
              <YearInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="parentId" label={F('parentId')}>
              <Select
                allowClear
                showSearch
                filterOption={false}
                onSearch={parentOptions.search}
                options={parentOptions.options}
                placeholder="（无，为顶层项目）输入名称、编号或拼音首字母查找"
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="category" label={F('category')}>
              <Select allowClear options={vocabOptions(CATEGORIES)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="subcategory" label={F('subcategory')}>
              <Select allowClear showSearch options={vocabOptions(SUBCATEGORIES)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="nature" label={F('nature')}>
              <Select allowClear options={vocabOptions(NATURES)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="stageGroup" label={F('stageGroup')}>
              <Select allowClear options={vocabOptions(STAGE_GROUPS)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="status" label={F('status')}>
              <Select options={vocabOptions(PROJECT_STATUSES)} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="delivery" label={F('delivery')}>
              <Select allowClear options={vocabOptions(DELIVERY_MODES)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="location" label={F('location')} required rules={[fieldRule('location')]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="villageOrgId" label={F('villageOrgId')}>
              <Select allowClear {...NAME_SEARCH} options={villageOptions} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="scope" label={F('scope')} required rules={[fieldRule('scope')]}>
              <Input.TextArea rows={2} showCount maxLength={500} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="totalWan"
              label={`${F('totalWan')}（万元）`}
              required
              rules={[fieldRule('totalWan')]}
              extra="最多6位小数（精确到分）；“860余”自动记为约数"
            >
              <Input inputMode="decimal" style={{ textAlign: 'right' }} />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="approx" label=" " valuePropName="checked">
              <Checkbox>{F('approx')}</Checkbox>
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="yearFrom" label={F('yearFrom')} rules={[fieldRule('yearFrom')]}>
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="yearTo" label={F('yearTo')} rules={[fieldRule('yearTo')]}>
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="planStart" label={F('planStart')} rules={[dayRule(F('planStart'))]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="planEnd" label={F('planEnd')} rules={[dayRule(F('planEnd'))]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="actStart" label={F('actStart')} rules={[dayRule(F('actStart'))]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="actEnd" label={F('actEnd')} rules={[dayRule(F('actEnd'))]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="openingCumWan"
              label={`${F('openingCumWan')}（万元）`}
              rules={[fieldRule('openingCumWan')]}
              extra="开工以来累计 = 它 + 其后各月月报"
            >
              <Input inputMode="decimal" style={{ textAlign: 'right' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="openingCumYear"
              label={F('openingCumYear')}
              rules={[fieldRule('openingCumYear')]}
              extra="累计到这一年年底；不填按项目年度的上一年"
            >
              <InputNumber style={{ width: '100%' }} precision={0} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leadOrgId" label={F('leadOrgId')}>
              <Select allowClear {...NAME_SEARCH} options={orgOptions} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="responsibleOrgIds" label={F('responsibleOrgIds')}>
              <Select mode="multiple" allowClear {...NAME_SEARCH} options={orgOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="leaderStaffId" label={F('leaderStaffId')}>
              <Select allowClear {...NAME_SEARCH} options={staffOptions} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="contact" label={F('contact')} rules={[fieldRule('contact')]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="phone" label={F('phone')} rules={[fieldRule('phone')]}>
              <Input placeholder="多个号码用逗号或空格分隔" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="tags" label={F('tags')}>
              <Select mode="tags" options={vocabOptions(PROJECT_TAGS)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="note" label={F('note')} rules={[fieldRule('note')]}>
              <Input />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Drawer>
  );
}
