/**
 * 组织机构: units (level, kind) and people (title, unit, phones, 在任/离任 with rotation history). The 人员 list is a
 * sheet (RecordSheet): 姓名, 职务, 单位, 电话 and 任职日期 are typed, pasted from Excel, filled and undone like the 项目台账,
 * each block saved in one call (staff:updateCells); 在任/离任 stay with 编辑 and 交接, which keep the history. Units
 * are few and edited one at a time with their form (层级, 类型, 法人代表, 排序).
 */
import { NAME_SEARCH, orgOption, vocabOptions } from '../../lib/options.ts';
import { PlusOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Alert,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Tag,
  Typography,
  type FormRule,
} from 'antd';
import { useMemo, useState } from 'react';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { ORG_KINDS, ORG_LEVELS } from '../../../../shared/domain/vocab.ts';
import { LegalRepSchema, staffCellRules, type OrgRow, type StaffRow } from '../../../../shared/schemas/org.ts';
import { labels } from '../../../../shared/fields/registry.ts';
import { READ_ONLY_HINT, useCanEdit } from '../../app/session.tsx';
import { parseDay, parseOrg } from '../../components/sheet/cell-parse.ts';
import { RecordSheet, type RecordSheetColumn } from '../../components/sheet/RecordSheet.tsx';
import { DateInput, dayRule } from '../../components/DateInput.tsx';
import { DeleteButton, EditButton } from '../../components/EditButton.tsx';
import { call } from '../../lib/api.ts';
import { applyApiError } from '../../lib/form-errors.ts';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';

const L_ORG = labels('org_unit');

/** 法人代表 refused under the field in the words the core refuses it with (org.ts LegalRepSchema: one check). */
const legalRepRule: FormRule = {
  validator: (_r, v: unknown) => {
    const r = LegalRepSchema.safeParse(v);
    return r.success ? Promise.resolve() : Promise.reject(new Error(r.error.issues[0]?.message));
  },
};

function OrgUnits() {
  const { message } = AntApp.useApp();
  const { data, error, isFetching: loading } = useChannelQuery('orgs:list', {});
  const refresh = useRefresh();
  const [editing, setEditing] = useState<OrgRow | 'new' | null>(null);
  const [form] = Form.useForm();
  const open = (o: OrgRow | 'new') => {
    form.resetFields();
    if (o !== 'new') form.setFieldsValue(o);
    setEditing(o);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const saved = await call('orgs:save', { ...v, id: editing === 'new' ? null : editing!.id });
      message.success(`已保存单位“${saved.name}”`);
      setEditing(null);
      void refresh('orgs:list');
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  const remove = async (o: OrgRow) => {
    try {
      await call('orgs:remove', { id: o.id });
      message.success(`已删除单位“${o.name}”`);
      void refresh('orgs:list');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Space style={{ marginBottom: 12 }}>
        <EditButton type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          新增单位
        </EditButton>
      </Space>
      <Table<OrgRow>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          { title: '单位名称', dataIndex: 'name' },
          { title: '简称', dataIndex: 'shortName', width: 120 },
          { title: '层级', dataIndex: 'level', width: 70 },
          { title: '类型', dataIndex: 'kind', width: 100 },
          { title: L_ORG.legalRep, dataIndex: 'legalRep', width: 90 },
          { title: '人员', dataIndex: 'staffCount', width: 60, align: 'right' },
          { title: '项目', dataIndex: 'projectCount', width: 60, align: 'right' },
          { title: '任务', dataIndex: 'taskCount', width: 60, align: 'right' },
          {
            title: '操作',
            width: 130,
            render: (_, o) => (
              <Space size={0}>
                <EditButton size="small" type="link" onClick={() => open(o)}>
                  编辑
                </EditButton>
                <DeleteButton title={`删除单位“${o.name}”？`} onConfirm={() => remove(o)} />
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增单位' : '编辑单位'}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText="保存"
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item label="单位名称" name="name" rules={[{ required: true, message: '请填写单位名称' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item label="简称" name="shortName">
            <Input maxLength={20} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item label="层级" name="level" style={{ flex: 1 }}>
              <Select allowClear options={vocabOptions(ORG_LEVELS)} />
            </Form.Item>
            <Form.Item label="类型" name="kind" style={{ flex: 1, marginLeft: 12 }}>
              <Select allowClear options={vocabOptions(ORG_KINDS)} />
            </Form.Item>
          </Space.Compact>
          <Form.Item
            label={L_ORG.legalRep}
            name="legalRep"
            rules={[legalRepRule]}
            extra="县里重大项目表“项目业主”的法人代表，由本单位作实施主体的项目共用"
          >
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item label="排序" name="sort">
            <InputNumber min={0} max={9999} />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

const L_STAFF = labels('staff');
const staffId = (s: StaffRow) => s.id;

/** The columns of the 人员 sheet; the unit is typed by its name, read as the import reads it (`town`: the town's names). */
function staffColumns(orgs: readonly OrgRow[], town: readonly string[]): RecordSheetColumn<StaffRow>[] {
  return [
    {
      key: 'name',
      title: L_STAFF.name,
      width: 110,
      text: (s) => s.name,
      rule: staffCellRules.name,
      render: (s) => (
        <>
          {s.name}
          {!s.active && <Tag style={{ marginLeft: 6 }}>离任</Tag>}
        </>
      ),
    },
    { key: 'title', title: L_STAFF.title, width: 130, text: (s) => s.title, rule: staffCellRules.title },
    {
      key: 'orgId',
      title: L_STAFF.orgId,
      width: 170,
      text: (s) => s.orgName ?? '',
      rule: staffCellRules.orgId,
      parse: parseOrg(orgs, town),
      options: orgs.map((o) => o.name),
    },
    {
      key: 'phone',
      title: L_STAFF.phone,
      width: 200,
      text: (s) => s.phone?.split(',').join('，') ?? '',
      rule: staffCellRules.phone,
    },
    {
      key: 'since',
      title: '任职',
      width: 120,
      text: (s) => s.since ?? '',
      render: (s) => formatDateCn(s.since),
      editText: (s) => formatDateCn(s.since),
      rule: staffCellRules.since,
      parse: parseDay(L_STAFF.since),
    },
    {
      key: 'until',
      title: '离任',
      width: 120,
      text: (s) => s.until ?? '',
      render: (s) => formatDateCn(s.until),
      // a column of days, though not typed into here: Ctrl+; says why (as typing does), and it copies as shown
      date: true,
      readOnly: () => '离任请点“交接”（接任人自交接日期起在任），或点“编辑”',
    },
    {
      key: 'leaderOf',
      title: '包联项目',
      width: 220,
      text: (s) => s.leaderOf.join('、'),
      readOnly: () => '包联项目在项目档案中设置',
      render: (s) => (
        <div className="cell-ellipsis" title={s.leaderOf.join('、')}>
          {s.leaderOf.length ? `${s.leaderOf.length}个：${s.leaderOf.join('、')}` : ''}
        </div>
      ),
    },
  ];
}

function People() {
  const canEdit = useCanEdit();
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<'在任' | '离任' | '全部'>('在任');
  const {
    data,
    error,
    isFetching: loading,
  } = useChannelQuery('staff:list', { active: filter === '全部' ? null : filter === '在任' });
  const refresh = useRefresh();
  const orgs = useChannelQuery('orgs:list', {});
  const town = useChannelQuery('lookups:get', {}).data?.townNames;
  const [editing, setEditing] = useState<StaffRow | 'new' | null>(null);
  const [rotating, setRotating] = useState<StaffRow | null>(null);
  const [form] = Form.useForm();
  const [rotForm] = Form.useForm();
  const orgOptions = (orgs.data ?? []).map(orgOption);
  const columns = useMemo(() => staffColumns(orgs.data ?? [], town ?? []), [orgs.data, town]);
  /** A block of cells (a typed cell, a paste, a fill, an undo) saved in one call, then the list as the core has it. */
  const saveCells = async (cells: { id: number; field: string; value: unknown }[]) => {
    // the fields are this sheet's columns; the contract checks them again
    await call('staff:updateCells', { cells: cells as never });
    await refresh('staff:list');
  };
  const open = (s: StaffRow | 'new') => {
    form.resetFields();
    form.setFieldsValue(s === 'new' ? { active: true } : s);
    setEditing(s);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const saved = await call('staff:save', { ...v, id: editing === 'new' ? null : editing!.id });
      message.success(`已保存“${saved.name}”`);
      setEditing(null);
      void refresh('staff:list');
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  const rotate = async () => {
    const v = await rotForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await call('staff:rotate', {
        staffId: rotating!.id,
        date: v.date,
        handOver: v.handOver,
        successor: { name: v.name, phone: v.phone },
      });
      message.success(`${r.predecessor.name}已离任，${r.successor.name}接任${r.successor.title}`);
      setRotating(null);
      void refresh('staff:list');
    } catch (e) {
      message.error(applyApiError(rotForm, e));
    }
  };
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Space style={{ marginBottom: 12 }}>
        <EditButton type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
          新增人员
        </EditButton>
        <Radio.Group
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          optionType="button"
          options={['在任', '离任', '全部']}
        />
      </Space>
      <RecordSheet<StaffRow>
        label="人员表格"
        sheetKey="sheet.staff"
        rows={data ?? []}
        rowId={staffId}
        columns={columns}
        save={saveCells}
        loading={loading}
        lockedReason={canEdit ? null : READ_ONLY_HINT}
        extra={
          canEdit
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 130,
                  render: (_: unknown, s: StaffRow) => (
                    <Space size={0}>
                      <EditButton size="small" type="link" onClick={() => open(s)}>
                        编辑
                      </EditButton>
                      {s.active && (
                        <EditButton
                          size="small"
                          type="link"
                          onClick={() => {
                            rotForm.resetFields();
                            rotForm.setFieldsValue({ handOver: true });
                            setRotating(s);
                          }}
                        >
                          交接
                        </EditButton>
                      )}
                    </Space>
                  ),
                },
              ]
            : undefined
        }
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        与 Excel 相同：直接输入即覆盖，F2 或双击在格内修改；可从 Excel 复制多行多列粘贴，Ctrl+D 向下填充，Ctrl+Enter
        填入选区，Ctrl+; 填今天日期，Ctrl+Z 撤销、Ctrl+Y 重做。单位按名称填写；离任请点“交接”。
      </Typography.Text>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增人员' : '编辑人员'}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText="保存"
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item label="职务" name="title" rules={[{ required: true, message: '请填写职务' }]}>
            <Input maxLength={40} placeholder="如 党委书记、城建办主任" />
          </Form.Item>
          <Form.Item label="单位" name="orgId">
            <Select allowClear {...NAME_SEARCH} options={orgOptions} />
          </Form.Item>
          <Form.Item label="电话" name="phone" extra="多个号码用逗号或空格分隔">
            <Input maxLength={100} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item label="任职日期" name="since" style={{ flex: 1 }} rules={[dayRule('任职日期')]}>
              <DateInput />
            </Form.Item>
            <Form.Item label="离任日期" name="until" style={{ flex: 1, marginLeft: 12 }} rules={[dayRule('离任日期')]}>
              <DateInput />
            </Form.Item>
          </Space.Compact>
          <Form.Item label="在任" name="active" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item label="备注" name="note">
            <Input maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={rotating !== null}
        title={`人员交接：${rotating?.name ?? ''}（${rotating?.title ?? ''}）`}
        onOk={rotate}
        onCancel={() => setRotating(null)}
        okText="确认交接"
        destroyOnHidden
      >
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="原任人员保留为“离任”，历史记录仍显示其姓名；接任人自交接日期起在任。"
        />
        <Form form={rotForm} layout="vertical">
          <Form.Item
            label="交接日期"
            name="date"
            rules={[{ required: true, message: '请填写交接日期' }, dayRule('交接日期')]}
          >
            <DateInput />
          </Form.Item>
          <Form.Item label="接任人姓名" name="name" rules={[{ required: true, message: '请填写接任人姓名' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item label="接任人电话" name="phone">
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="领导小组职务和包联项目一并移交" name="handOver" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function OrgPage() {
  return (
    <Tabs
      items={[
        { key: 'units', label: '单位', children: <OrgUnits /> },
        { key: 'people', label: '人员', children: <People /> },
      ]}
    />
  );
}
