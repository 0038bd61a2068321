/** 领导小组: the town's group printed by rank (组长, 常务副组长, 副组长, 成员, 办公室主任), never by name. */
import { DeleteOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Select,
  Space,
  Table,
} from 'antd';
import { useState } from 'react';
import { formatDateCn } from '../../../../shared/domain/dates.ts';
import { LG_ROLES } from '../../../../shared/domain/vocab.ts';
import type { LgMember } from '../../../../shared/schemas/org.ts';
import { DateInput, dayRule } from '../../components/DateInput.tsx';
import { EditButton } from '../../components/EditButton.tsx';
import { call } from '../../lib/api.ts';
import { applyApiError } from '../../lib/form-errors.ts';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { NAME_SEARCH, staffOption } from '../../lib/options.ts';
import { openPrint } from '../../lib/print-link.ts';

export function LeadingGroupPage() {
  const { message } = AntApp.useApp();
  const { data, error, isFetching: loading } = useChannelQuery('leadingGroup:get', {});
  const refresh = useRefresh();
  const staff = useChannelQuery('staff:list', { active: true });
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm();
  const g = data?.group ?? null;

  const open = () => {
    form.resetFields();
    form.setFieldsValue({
      name: g?.name ?? '',
      docNo: g?.docNo,
      officeAt: g?.officeAt,
      establishedOn: g?.establishedOn,
      members: (data?.members ?? []).map((m) => ({ staffId: m.staffId, role: m.role, duty: m.duty })),
    });
    setEditing(true);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await call('leadingGroup:save', {
        ...v,
        members: (v.members ?? []).map((m: { staffId: number; role: string; duty?: string }, i: number) => ({
          ...m,
          sort: i + 1,
        })),
      });
      message.success('已保存领导小组');
      setEditing(false);
      void refresh('leadingGroup:get');
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };

  const staffOptions = (staff.data ?? []).map(staffOption);
  return (
    <Card
      loading={loading}
      title={g ? g.name : '领导小组'}
      extra={
        <Space>
          {/* the 成员名单 on paper: previewed, printed or saved as PDF on the 打印 page, as every document is */}
          <Button icon={<PrinterOutlined />} onClick={() => openPrint('leadingGroup')} disabled={!g}>
            打印名单
          </Button>
          <EditButton icon={<EditOutlined />} onClick={open}>
            {g ? '编辑领导小组' : '设立领导小组'}
          </EditButton>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon message={error.message} />}
      {g ? (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="成立文号">{g.docNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="成立日期">
              {g.establishedOn ? formatDateCn(g.establishedOn) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="办公室设在">{g.officeAt ?? '—'}</Descriptions.Item>
          </Descriptions>
          <Table<LgMember>
            rowKey={(m) => `${m.staffId}-${m.role}`}
            size="small"
            pagination={false}
            dataSource={data!.members}
            columns={[
              { title: '序号', width: 60, render: (_, __, i) => i + 1 },
              { title: '组内职务', dataIndex: 'role', width: 110 },
              { title: '姓名', dataIndex: 'name', width: 100 },
              { title: '职务', dataIndex: 'title', width: 140 },
              { title: '单位', dataIndex: 'orgName', width: 180 },
              { title: '电话', dataIndex: 'phone', width: 200, render: (v: string | null) => v?.split(',').join('，') },
              { title: '分工', dataIndex: 'duty' },
            ]}
          />
        </>
      ) : (
        <Empty description="尚未设立领导小组" />
      )}
      <Drawer
        open={editing}
        title="编辑领导小组"
        width={760}
        onClose={() => setEditing(false)}
        destroyOnHidden
        extra={
          <Button type="primary" onClick={save}>
            保存
          </Button>
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item label="领导小组名称" name="name" rules={[{ required: true, message: '请填写领导小组名称' }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item label="成立文号" name="docNo" style={{ flex: 1 }}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item
              label="成立日期"
              name="establishedOn"
              style={{ flex: 1, marginLeft: 12 }}
              rules={[dayRule('成立日期')]}
            >
              <DateInput />
            </Form.Item>
            <Form.Item label="办公室设在" name="officeAt" style={{ flex: 1, marginLeft: 12 }}>
              <Input maxLength={60} />
            </Form.Item>
          </Space.Compact>
          <div style={{ marginBottom: 8 }}>成员（同一职务内按此顺序排列；显示和打印时按职务排序，组长只能有一名）</div>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'role']} rules={[{ required: true, message: '请选择组内职务' }]}>
                      <Select
                        style={{ width: 130 }}
                        placeholder="组内职务"
                        options={LG_ROLES.map((r) => ({ value: r, label: r }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'staffId']} rules={[{ required: true, message: '请选择成员' }]}>
                      <Select style={{ width: 240 }} {...NAME_SEARCH} placeholder="人员" options={staffOptions} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'duty']}>
                      <Input style={{ width: 240 }} placeholder="分工（可不填）" maxLength={200} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="移除成员" />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ role: '成员' })}>
                  添加成员
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Drawer>
    </Card>
  );
}
