/** 组织机构: units (level, kind) and people (title, unit, phones, 在任/离任 with rotation history). */
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Form, Input, InputNumber, Modal, Radio, Select, Space, Switch, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { ORG_KINDS, ORG_LEVELS } from '../../../../shared/domain/vocab.ts';
import type { OrgRow, StaffRow } from '../../../../shared/schemas/org.ts';
import { DateInput } from '../../components/DateInput.tsx';
import { DeleteButton, EditButton } from '../../components/EditButton.tsx';
import { call } from '../../lib/api.ts';
import { applyApiError } from '../../lib/form-errors.ts';
import { useCall } from '../../lib/use-call.ts';
import { vocabOptions } from '../../lib/options.ts';


function OrgUnits() {
  const { message } = AntApp.useApp();
  const { data, error, loading, reload } = useCall('orgs:list', {});
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
      void reload();
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  const remove = async (o: OrgRow) => {
    try {
      await call('orgs:remove', { id: o.id });
      message.success(`已删除单位“${o.name}”`);
      void reload();
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Space style={{ marginBottom: 12 }}>
        <EditButton type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>新增单位</EditButton>
      </Space>
      <Table<OrgRow>
        rowKey="id" size="small" loading={loading} dataSource={data ?? []} pagination={false}
        columns={[
          { title: '单位名称', dataIndex: 'name' },
          { title: '简称', dataIndex: 'shortName', width: 120 },
          { title: '层级', dataIndex: 'level', width: 70 },
          { title: '类型', dataIndex: 'kind', width: 100 },
          { title: '人员', dataIndex: 'staffCount', width: 60, align: 'right' },
          { title: '项目', dataIndex: 'projectCount', width: 60, align: 'right' },
          { title: '任务', dataIndex: 'taskCount', width: 60, align: 'right' },
          {
            title: '操作', width: 130, render: (_, o) => (
              <Space size={0}>
                <EditButton size="small" type="link" onClick={() => open(o)}>编辑</EditButton>
                <DeleteButton title={`删除单位“${o.name}”？`} onConfirm={() => remove(o)} />
              </Space>
            ),
          },
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? '新增单位' : '编辑单位'} onOk={save} onCancel={() => setEditing(null)} okText="保存" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item label="单位名称" name="name" rules={[{ required: true, message: '请填写单位名称' }]}><Input maxLength={60} /></Form.Item>
          <Form.Item label="简称" name="shortName"><Input maxLength={20} /></Form.Item>
          <Space.Compact block>
            <Form.Item label="层级" name="level" style={{ flex: 1 }}><Select allowClear options={vocabOptions(ORG_LEVELS)} /></Form.Item>
            <Form.Item label="类型" name="kind" style={{ flex: 1, marginLeft: 12 }}><Select allowClear options={vocabOptions(ORG_KINDS)} /></Form.Item>
          </Space.Compact>
          <Form.Item label="排序" name="sort"><InputNumber min={0} max={9999} /></Form.Item>
          <Form.Item label="备注" name="note"><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function People() {
  const { message } = AntApp.useApp();
  const [filter, setFilter] = useState<'在任' | '离任' | '全部'>('在任');
  const { data, error, loading, reload } = useCall('staff:list', { active: filter === '全部' ? null : filter === '在任' }, []);
  const orgs = useCall('orgs:list', {});
  const [editing, setEditing] = useState<StaffRow | 'new' | null>(null);
  const [rotating, setRotating] = useState<StaffRow | null>(null);
  const [form] = Form.useForm();
  const [rotForm] = Form.useForm();
  const orgOptions = (orgs.data ?? []).map((o) => ({ value: o.id, label: o.name }));
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
      void reload();
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  const rotate = async () => {
    const v = await rotForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      const r = await call('staff:rotate', { staffId: rotating!.id, date: v.date, handOver: v.handOver, successor: { name: v.name, phone: v.phone } });
      message.success(`${r.predecessor.name}已离任，${r.successor.name}接任${r.successor.title}`);
      setRotating(null);
      void reload();
    } catch (e) {
      message.error(applyApiError(rotForm, e));
    }
  };
  return (
    <>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Space style={{ marginBottom: 12 }}>
        <EditButton type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>新增人员</EditButton>
        <Radio.Group value={filter} onChange={(e) => setFilter(e.target.value)} optionType="button" options={['在任', '离任', '全部']} />
      </Space>
      <Table<StaffRow>
        rowKey="id" size="small" loading={loading} dataSource={data ?? []} pagination={false}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90, render: (v, s) => <>{v}{!s.active && <Tag style={{ marginLeft: 6 }}>离任</Tag>}</> },
          { title: '职务', dataIndex: 'title', width: 130 },
          { title: '单位', dataIndex: 'orgName', width: 170 },
          { title: '电话', dataIndex: 'phone', width: 200, render: (v: string | null) => v?.split(',').join('，') },
          { title: '任职', dataIndex: 'since', width: 120, render: formatDateCn },
          { title: '离任', dataIndex: 'until', width: 120, render: formatDateCn },
          { title: '包联项目', dataIndex: 'leaderOf', render: (v: string[]) => (v.length ? `${v.length}个：${v.join('、')}` : '') , ellipsis: true },
          {
            title: '操作', width: 130, render: (_, s) => (
              <Space size={0}>
                <EditButton size="small" type="link" onClick={() => open(s)}>编辑</EditButton>
                {s.active && (
                  <EditButton size="small" type="link" onClick={() => { rotForm.resetFields(); rotForm.setFieldsValue({ handOver: true }); setRotating(s); }}>交接</EditButton>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal open={editing !== null} title={editing === 'new' ? '新增人员' : '编辑人员'} onOk={save} onCancel={() => setEditing(null)} okText="保存" destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请填写姓名' }]}><Input maxLength={20} /></Form.Item>
          <Form.Item label="职务" name="title" rules={[{ required: true, message: '请填写职务' }]}><Input maxLength={40} placeholder="如 党委书记、城建办主任" /></Form.Item>
          <Form.Item label="单位" name="orgId"><Select allowClear showSearch optionFilterProp="label" options={orgOptions} /></Form.Item>
          <Form.Item label="电话" name="phone" extra="多个号码用逗号或空格分隔"><Input maxLength={100} /></Form.Item>
          <Space.Compact block>
            <Form.Item label="任职日期" name="since" style={{ flex: 1 }}><DateInput /></Form.Item>
            <Form.Item label="离任日期" name="until" style={{ flex: 1, marginLeft: 12 }}><DateInput /></Form.Item>
          </Space.Compact>
          <Form.Item label="在任" name="active" valuePropName="checked"><Switch /></Form.Item>
          <Form.Item label="备注" name="note"><Input maxLength={200} /></Form.Item>
        </Form>
      </Modal>
      <Modal open={rotating !== null} title={`人员交接：${rotating?.name ?? ''}（${rotating?.title ?? ''}）`} onOk={rotate} onCancel={() => setRotating(null)} okText="确认交接" destroyOnHidden>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message="原任人员保留为“离任”，历史记录仍显示其姓名；接任人自交接日期起在任。" />
        <Form form={rotForm} layout="vertical">
          <Form.Item label="交接日期" name="date" rules={[{ required: true, message: '请填写交接日期' }]}><DateInput /></Form.Item>
          <Form.Item label="接任人姓名" name="name" rules={[{ required: true, message: '请填写接任人姓名' }]}><Input maxLength={20} /></Form.Item>
          <Form.Item label="接任人电话" name="phone"><Input maxLength={100} /></Form.Item>
          <Form.Item label="领导小组职务和包联项目一并移交" name="handOver" valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function OrgPage() {
  return <Tabs items={[{ key: 'units', label: '单位', children: <OrgUnits /> }, { key: 'people', label: '人员', children: <People /> }]} />;
}
