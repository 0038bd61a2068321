/**
 * 设置: the town's names and year; for the 管理员 also the operators with their roles, the idle sign-out and the
 * 登录记录.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Alert, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { OPERATOR_ROLES } from '../../../../shared/domain/vocab.ts';
import type { Operator } from '../../../../shared/schemas/operator.ts';
import { useCanEdit, useMay, useSession } from '../../app/session.tsx';
import { DeleteButton, EditButton } from '../../components/EditButton.tsx';
import { call } from '../../lib/api.ts';
import { applyApiError } from '../../lib/form-errors.ts';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { YearInput, yearRule } from '../../components/YearInput.tsx';
import { IdleSetting } from './IdleSetting.tsx';
import { SignInLog } from './SignInLog.tsx';

function TownSettings() {
  const { message } = AntApp.useApp();
  const canEdit = useCanEdit();
  const { data, error } = useChannelQuery('settings:get', {});
  const [form] = Form.useForm();
  // What the ledger holds fills the fields the operator has not typed in yet: on a slow PC the answer can come after
  // the first keystrokes, and filling every field then put the stored value back over what was typed (saved as if
  // unchanged, with “已保存设置” shown).
  useEffect(() => {
    if (data) form.setFieldsValue(Object.fromEntries(Object.entries(data).filter(([k]) => !form.isFieldTouched(k))));
  }, [data, form]);
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await call('settings:save', v);
      message.success('已保存设置');
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  return (
    <Card title="本镇信息" size="small" style={{ marginBottom: 16 }}>
      {error && <Alert type="error" showIcon message={error.message} />}
      <Form form={form} layout="horizontal" labelCol={{ span: 4 }} wrapperCol={{ span: 12 }} disabled={!canEdit}>
        <Form.Item label="乡镇名称" name="townName" rules={[{ required: true, message: '请填写乡镇名称' }]}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          label="填报单位"
          name="filler"
          rules={[{ required: true, message: '请填写填报单位' }]}
          extra="报表和简报上署名的单位"
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label="默认报送单位" name="receiver">
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item label="年度" name="fiscalYear" rules={[{ required: true, message: '请填写年度' }, yearRule('年度')]}>
          <YearInput style={{ width: 120 }} />
        </Form.Item>
        <Form.Item wrapperCol={{ offset: 4 }}>
          <EditButton type="primary" onClick={save}>
            保存设置
          </EditButton>
        </Form.Item>
      </Form>
    </Card>
  );
}

function Operators() {
  const { message } = AntApp.useApp();
  const { session } = useSession();
  const { data, error, isFetching: loading } = useChannelQuery('operators:list', {});
  const refresh = useRefresh();
  const [editing, setEditing] = useState<Operator | 'new' | null>(null);
  const [form] = Form.useForm();
  const open = (o: Operator | 'new') => {
    form.resetFields();
    form.setFieldsValue(o === 'new' ? { role: '录入员' } : { name: o.name, role: o.role });
    setEditing(o);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const saved = await call('operators:save', {
        ...v,
        id: editing === 'new' ? null : editing!.id,
        password: v.password || undefined,
      });
      message.success(`已保存操作员“${saved.name}”`);
      setEditing(null);
      void refresh('operators:list');
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  const remove = async (o: Operator) => {
    try {
      await call('operators:remove', { id: o.id });
      message.success(`已删除操作员“${o.name}”`);
      void refresh('operators:list');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  return (
    <Card
      title="操作员"
      size="small"
      extra={
        <EditButton icon={<PlusOutlined />} onClick={() => open('new')}>
          新增操作员
        </EditButton>
      }
    >
      {error && <Alert type="error" showIcon message={error.message} />}
      <Table<Operator>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        pagination={false}
        columns={[
          {
            title: '姓名',
            dataIndex: 'name',
            render: (v: string, o) => (
              <>
                {v}
                {session?.operatorId === o.id && (
                  <Tag color="red" style={{ marginLeft: 6 }}>
                    当前
                  </Tag>
                )}
              </>
            ),
          },
          { title: '角色', dataIndex: 'role', width: 120, render: (v: string) => (v === '领导' ? '领导（只读）' : v) },
          { title: '密码', dataIndex: 'hasPassword', width: 80, render: (v: boolean) => (v ? '已设置' : '未设置') },
          {
            title: '操作',
            width: 130,
            render: (_, o) => (
              <Space size={0}>
                <EditButton size="small" type="link" onClick={() => open(o)}>
                  编辑
                </EditButton>
                <DeleteButton title={`删除操作员“${o.name}”？修改记录中的姓名会保留。`} onConfirm={() => remove(o)} />
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增操作员' : '编辑操作员'}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText="保存"
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item label="操作员姓名" name="name" rules={[{ required: true, message: '请填写操作员姓名' }]}>
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item
            label="角色"
            name="role"
            extra="录入员录入和修改；审核人另可关账、退回月报；领导查看、打印和写批示；管理员另可管理操作员、代录批示和从备份恢复"
          >
            <Select options={OPERATOR_ROLES.map((r) => ({ value: r, label: r }))} />
          </Form.Item>
          <Form.Item
            label={editing !== 'new' && editing?.hasPassword ? '新密码（不填则不变）' : '登录密码'}
            name="password"
            rules={[
              { required: editing === 'new' || !editing?.hasPassword, message: '请设置登录密码' },
              { min: 6, message: '密码至少6个字符' },
            ]}
            extra="设置新密码也会解除因输错密码造成的锁定"
          >
            <Input.Password maxLength={64} autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export function SettingsPage() {
  const mayManage = useMay('operators:save'); // only the 管理员 sees and manages operators
  return (
    <>
      <TownSettings />
      {mayManage && (
        <>
          <Operators />
          <IdleSetting />
          <SignInLog />
        </>
      )}
    </>
  );
}
