/**
 * 责任清单: tasks with 牵头/责任单位, deadline, status and progress; the campaign's 实施步骤 above them. The list is a
 * sheet (RecordSheet): 序号 to 工作进展 are typed, pasted from Excel, filled and undone like the 项目台账, each block
 * saved at once in one call (tasks:updateCells); 存在问题, 关联项目 and 备注 stay in the task's form (编辑).
 */
import { DeleteOutlined, DownloadOutlined, EditOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Drawer,
  Dropdown,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { formatDateCn, todayIso } from '../../../../shared/domain/dates.ts';
import { formatDateSpanCn } from '../../../../shared/domain/display.ts';
import { taskDaysOverdue } from '../../../../shared/domain/task-deadline.ts';
import { labels } from '../../../../shared/fields/registry.ts';
import { TASK_STATUSES } from '../../../../shared/domain/vocab.ts';
import type { OrgRow } from '../../../../shared/schemas/org.ts';
import { TASK_TEMPLATE_LABELS, taskCellRules, type Campaign, type TaskRow } from '../../../../shared/schemas/task.ts';
import { DateInput, dayRule } from '../../components/DateInput.tsx';
import { DeleteButton, EditButton } from '../../components/EditButton.tsx';
import { READ_ONLY_HINT, useCanEdit } from '../../app/session.tsx';
import { parseDay, parseOrg, parseOrgs } from '../../components/sheet/cell-parse.ts';
import { RecordSheet, type RecordSheetColumn } from '../../components/sheet/RecordSheet.tsx';
import { call } from '../../lib/api.ts';
import { applyApiError } from '../../lib/form-errors.ts';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { useProjectPicker } from '../../lib/use-project-picker.ts';
import { NAME_SEARCH, orgOption } from '../../lib/options.ts';
import { openPrint } from '../../lib/print-link.ts';

const STATUS_COLOR: Record<string, string> = {
  未启动: 'default',
  推进中: 'processing',
  已完成: 'success',
  滞后: 'error',
};
const TEMPLATES = [
  { key: 'suixian', label: TASK_TEMPLATE_LABELS.suixian },
  { key: 'jilin', label: TASK_TEMPLATE_LABELS.jilin },
] as const;

const L = labels('task');
const taskId = (t: TaskRow) => t.id;
/**
 * The columns of the 责任清单 sheet; units are typed by name (several 责任单位 separated by 、), read as the import
 * reads them (cell-parse.ts; `town`: the town's names); `today` marks a task past its 完成时限.
 */
function taskColumns(orgs: readonly OrgRow[], town: readonly string[], today: string): RecordSheetColumn<TaskRow>[] {
  const orgNames = orgs.map((o) => o.name);
  return [
    { key: 'no', title: '序号', width: 56, align: 'center', text: (t) => t.no ?? '', rule: taskCellRules.no },
    { key: 'category', title: L.category, width: 110, text: (t) => t.category ?? '', rule: taskCellRules.category },
    {
      key: 'title',
      title: L.title,
      width: 260,
      text: (t) => t.title,
      rule: taskCellRules.title,
      render: (t) => (
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: t.note ?? t.title }}>
          {t.title}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'leadOrgId',
      title: L.leadOrgId,
      width: 140,
      text: (t) => t.leadOrgName ?? '',
      rule: taskCellRules.leadOrgId,
      options: orgNames,
      parse: parseOrg(orgs, town),
    },
    {
      key: 'respOrgIds',
      title: L.respOrgIds,
      width: 220,
      text: (t) => t.respOrgNames.join('、'),
      rule: taskCellRules.respOrgIds,
      render: (t) => (
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: t.respOrgNames.join('、') }}>
          {t.respOrgNames.join('、')}
        </Typography.Paragraph>
      ),
      parse: parseOrgs(orgs, town),
    },
    {
      key: 'deadline',
      title: L.deadline,
      width: 130,
      text: (t) => t.deadline ?? '',
      // past its 完成时限 and not 已完成: marked against today, as a 节点 is on the project page
      render: (t) => {
        const over = taskDaysOverdue(t, today);
        return (
          <>
            {formatDateCn(t.deadline)}
            {over !== null && (
              <Tag color="red" style={{ marginInlineStart: 4 }}>
                已逾期{over}天
              </Tag>
            )}
          </>
        );
      },
      rule: taskCellRules.deadline,
      parse: parseDay(L.deadline),
    },
    {
      key: 'status',
      title: L.status,
      width: 90,
      text: (t) => t.status,
      rule: taskCellRules.status,
      options: TASK_STATUSES,
      render: (t) => <Tag color={STATUS_COLOR[t.status]}>{t.status}</Tag>,
    },
    {
      key: 'progressText',
      title: L.progressText,
      width: 200,
      text: (t) => t.progressText ?? '',
      rule: taskCellRules.progressText,
      render: (t) => (
        <div className="cell-ellipsis" title={t.progressText ?? undefined}>
          {t.progressText}
        </div>
      ),
    },
  ];
}

const range = (a: string | null, b: string | null) => formatDateSpanCn(a, b) || '时间未定';

function Phases({ campaign, onEdit }: { campaign: Campaign; onEdit: () => void }) {
  return (
    <Card
      size="small"
      title={`实施步骤 · ${campaign.name}`}
      style={{ marginBottom: 12 }}
      extra={
        <EditButton size="small" icon={<EditOutlined />} onClick={onEdit}>
          编辑行动方案
        </EditButton>
      }
    >
      {campaign.sourceDoc && <Typography.Text type="secondary">来源：{campaign.sourceDoc}</Typography.Text>}
      {campaign.phases.length ? (
        <Steps
          size="small"
          style={{ marginTop: 8 }}
          current={-1}
          items={campaign.phases.map((p) => ({ title: p.name, description: range(p.dateFrom, p.dateTo) }))}
        />
      ) : (
        <Typography.Paragraph type="secondary">尚未填写实施步骤</Typography.Paragraph>
      )}
    </Card>
  );
}

export function TasksPage() {
  const { message } = AntApp.useApp();
  const canEdit = useCanEdit();
  const campaigns = useChannelQuery('campaigns:list', {});
  const [campaignId, setCampaignId] = useState<number | null>(null);
  useEffect(() => {
    if (campaignId === null && campaigns.data?.length) setCampaignId(campaigns.data[0]!.id);
  }, [campaigns.data, campaignId]);
  const tasks = useChannelQuery('tasks:list', { campaignId });
  const orgs = useChannelQuery('orgs:list', {});
  const town = useChannelQuery('lookups:get', {}).data?.townNames;
  const refresh = useRefresh();
  const [editing, setEditing] = useState<TaskRow | 'new' | null>(null);
  const [editingCampaign, setEditingCampaign] = useState<Campaign | 'new' | null>(null);
  const [form] = Form.useForm();
  const linked = (Form.useWatch('projectIds', form) as number[] | undefined) ?? [];
  const projects = useProjectPicker({ scope: 'all', keep: linked, enabled: editing !== null });
  const [cForm] = Form.useForm();
  const campaign = campaigns.data?.find((c) => c.id === campaignId) ?? null;
  const orgOptions = (orgs.data ?? []).map(orgOption);
  const today = todayIso();
  const columns = useMemo(() => taskColumns(orgs.data ?? [], town ?? [], today), [orgs.data, town, today]);
  /** A block of cells (a typed cell, a paste, a fill, an undo) saved in one call, then the list as the core has it. */
  const saveCells = async (cells: { id: number; field: string; value: unknown }[]) => {
    // the fields are this sheet's columns; the contract checks them again
    await call('tasks:updateCells', { cells: cells as never });
    await refresh('tasks:list');
  };

  const loadTemplate = async (template: 'suixian' | 'jilin') => {
    try {
      const r = await call('tasks:loadTemplate', { template });
      message.success(`已载入${r.tasks}项任务${r.orgsCreated ? `，新建${r.orgsCreated}个单位` : ''}`);
      await refresh('campaigns:list', 'orgs:list');
      setCampaignId(r.campaignId);
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const openTask = (t: TaskRow | 'new') => {
    form.resetFields();
    form.setFieldsValue(t === 'new' ? { status: '未启动', respOrgIds: [], projectIds: [], campaignId } : t);
    setEditing(t);
  };
  const saveTask = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      const saved = await call('tasks:save', { ...v, id: editing === 'new' ? null : editing!.id });
      message.success(`已保存任务“${saved.no ? `${saved.no}. ` : ''}${saved.title.slice(0, 20)}”`);
      setEditing(null);
      void refresh('tasks:list', 'campaigns:list');
    } catch (e) {
      message.error(applyApiError(form, e));
    }
  };
  const removeTask = async (t: TaskRow) => {
    try {
      await call('tasks:remove', { id: t.id });
      message.success('已删除任务');
      void refresh('tasks:list', 'campaigns:list');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const openCampaign = (c: Campaign | 'new') => {
    cForm.resetFields();
    // Only what campaigns:save takes: the form sends its 实施步骤 rows whole, and a row read back carries its id and
    // order, which the channel does not take (the steps are written anew in the order shown).
    cForm.setFieldsValue(
      c === 'new'
        ? { phases: [] }
        : {
            name: c.name,
            sourceDoc: c.sourceDoc,
            phases: c.phases.map(({ name, dateFrom, dateTo, goal }) => ({ name, dateFrom, dateTo, goal })),
          },
    );
    setEditingCampaign(c);
  };
  const saveCampaign = async () => {
    const v = await cForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      const saved = await call('campaigns:save', {
        ...v,
        id: editingCampaign === 'new' ? null : editingCampaign!.id,
        phases: v.phases ?? [],
      });
      message.success(`已保存“${saved.name}”`);
      setEditingCampaign(null);
      await refresh('campaigns:list');
      setCampaignId(saved.id);
    } catch (e) {
      message.error(applyApiError(cForm, e));
    }
  };

  return (
    <>
      {(campaigns.error ?? tasks.error) && (
        <Alert type="error" showIcon message={(campaigns.error ?? tasks.error)!.message} />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 360 }}
          placeholder="行动方案"
          value={campaignId}
          onChange={setCampaignId}
          allowClear
          options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: `${c.name}（${c.taskCount}项）` }))}
        />
        <EditButton type="primary" icon={<PlusOutlined />} onClick={() => openTask('new')}>
          新增任务
        </EditButton>
        <EditButton onClick={() => openCampaign('new')}>新建行动方案</EditButton>
        <Dropdown
          disabled={!canEdit}
          menu={{
            items: TEMPLATES.map((t) => ({ key: t.key, label: t.label })),
            onClick: (e) => loadTemplate(e.key as 'suixian' | 'jilin'),
          }}
        >
          <EditButton icon={<DownloadOutlined />}>载入示例清单</EditButton>
        </Dropdown>
        {/* the list shown, on paper: the 打印 page's preview, 打印 and 另存为PDF, as every document */}
        <Button
          icon={<PrinterOutlined />}
          onClick={() => openPrint('tasks', { campaignId })}
          disabled={!tasks.data?.length}
        >
          打印责任清单
        </Button>
      </Space>
      {campaign && <Phases campaign={campaign} onEdit={() => openCampaign(campaign)} />}
      <RecordSheet<TaskRow>
        label="责任清单"
        sheetKey="sheet.tasks"
        rows={tasks.data ?? []}
        rowId={taskId}
        columns={columns}
        save={saveCells}
        loading={tasks.isFetching}
        lockedReason={canEdit ? null : READ_ONLY_HINT}
        emptyText={<Empty description="暂无任务。可点击“新增任务”，或“载入示例清单”。" />}
        extra={
          canEdit
            ? [
                {
                  title: '操作',
                  key: 'op',
                  width: 110,
                  render: (_: unknown, t: TaskRow) => (
                    <Space size={0}>
                      <EditButton size="small" type="link" onClick={() => openTask(t)}>
                        编辑
                      </EditButton>
                      <DeleteButton title="删除此任务？" onConfirm={() => removeTask(t)} />
                    </Space>
                  ),
                },
              ]
            : undefined
        }
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        与 Excel 相同：直接输入即覆盖，F2 或双击在格内修改；可从 Excel 复制多行多列粘贴，Ctrl+D 向下填充，Ctrl+Enter
        填入选区，Ctrl+; 填今天日期，Ctrl+Z 撤销、Ctrl+Y
        重做。单位按名称填写，多个责任单位用“、”分隔；存在问题、关联项目和备注请点“编辑”。
      </Typography.Text>
      <Drawer
        open={editing !== null}
        width={640}
        title={editing === 'new' ? '新增任务' : '编辑任务'}
        onClose={() => setEditing(null)}
        destroyOnHidden
        extra={
          <Button type="primary" onClick={saveTask}>
            保存
          </Button>
        }
      >
        <Form form={form} layout="vertical">
          <Space.Compact block>
            <Form.Item label={L.no} name="no" style={{ width: 100 }}>
              <Input maxLength={10} />
            </Form.Item>
            <Form.Item label={L.category} name="category" style={{ flex: 1, marginLeft: 12 }}>
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item label={L.campaignId} name="campaignId" style={{ flex: 2, marginLeft: 12 }}>
              <Select allowClear options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          </Space.Compact>
          <Form.Item label={L.title} name="title" rules={[{ required: true, message: `请填写${L.title}` }]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
          <Form.Item label={L.leadOrgId} name="leadOrgId">
            <Select allowClear {...NAME_SEARCH} options={orgOptions} />
          </Form.Item>
          <Form.Item label={L.respOrgIds} name="respOrgIds">
            <Select mode="multiple" {...NAME_SEARCH} options={orgOptions} />
          </Form.Item>
          <Space.Compact block>
            <Form.Item label={L.deadline} name="deadline" style={{ flex: 1 }} rules={[dayRule(L.deadline)]}>
              <DateInput />
            </Form.Item>
            <Form.Item label={L.status} name="status" style={{ flex: 1, marginLeft: 12 }}>
              <Select options={TASK_STATUSES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Space.Compact>
          <Form.Item label={L.progressText} name="progressText">
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
          </Form.Item>
          <Form.Item label={L.issues} name="issues">
            <Input.TextArea autoSize maxLength={1000} />
          </Form.Item>
          <Form.Item label={L.projectIds} name="projectIds">
            <Select
              mode="multiple"
              showSearch
              filterOption={false}
              onSearch={projects.search}
              options={projects.options}
              placeholder="输入名称、编号或拼音首字母查找"
            />
          </Form.Item>
          <Form.Item label="备注（工作内容）" name="note">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Drawer>
      <Modal
        open={editingCampaign !== null}
        width={760}
        title={editingCampaign === 'new' ? '新建行动方案' : '编辑行动方案'}
        onOk={saveCampaign}
        onCancel={() => setEditingCampaign(null)}
        okText="保存"
        destroyOnHidden
      >
        <Form form={cForm} layout="vertical">
          <Form.Item label="行动方案名称" name="name" rules={[{ required: true, message: '请填写行动方案名称' }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item label="来源文件" name="sourceDoc">
            <Input maxLength={200} />
          </Form.Item>
          <div style={{ marginBottom: 8 }}>实施步骤</div>
          <Form.List name="phases">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: '请填写步骤名称' }]}>
                      <Input placeholder="步骤名称" style={{ width: 200 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dateFrom']} rules={[dayRule('开始日期')]}>
                      <DateInput placeholder="开始日期" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dateTo']} rules={[dayRule('结束日期')]}>
                      <DateInput placeholder="结束日期" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'goal']}>
                      <Input placeholder="目标要求" style={{ width: 160 }} maxLength={1000} />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="移除步骤" />
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})}>
                  添加步骤
                </Button>
              </>
            )}
          </Form.List>
        </Form>
      </Modal>
    </>
  );
}
