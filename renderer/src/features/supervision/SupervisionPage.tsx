/**
 * 督办: the orders with their escalation ladder (蓝 提醒 → 黄 警告 → 红 约谈), reply, close and escalate;
 * 逾期自动升级 escalates every open order past its deadline (on today's date). Orders are issued from the 月报 page.
 * Beside each order, its project's light in the current period (current-period.tsx): caught up, or still lagging.
 */
import { ReloadOutlined, RiseOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Button,
  Card,
  Input,
  Segmented,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo, useState } from 'react';
import { formatDateCn, todayIso } from '../../../../shared/domain/dates.ts';
import { pushTo } from '../../../../shared/domain/collections.ts';
import type { Instruction } from '../../../../shared/schemas/instruction.ts';
import { useCanEdit } from '../../app/session.tsx';
import { EditButton } from '../../components/EditButton.tsx';
import { InstructionText, WriteInstructionButton } from '../instructions/Instructions.tsx';
import { SUPERVISION_COLOR_MEANING } from '../../../../shared/domain/dispatch.ts';
import type { Supervision } from '../../../../shared/schemas/supervision.ts';
import { call } from '../../lib/api.ts';
import { PeriodPicker, useCurrentPeriod } from '../../lib/current-period.tsx';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';
import { LightBadge } from '../monthly-report/LightBadge.tsx';

const COLOR: Record<Supervision['color'], string> = { 蓝: 'blue', 黄: 'gold', 红: 'red' };
const STATUS_COLOR: Record<Supervision['status'], string> = {
  办理中: 'processing',
  已回复: 'cyan',
  已办结: 'success',
  已升级: 'default',
};

export function SupervisionPage() {
  const { period } = useCurrentPeriod();
  return period ? <SupervisionView period={period} /> : <Card loading title="督办" />;
}

function SupervisionView({ period }: { period: string }) {
  const { message, modal } = AntApp.useApp();
  const [view, setView] = useState<'open' | 'all'>('open');
  const list = useChannelQuery('supervision:list', view === 'open' ? { open: true } : {});
  // Only the lights of the listed orders' projects, asked once the list is in (not the whole town's figures).
  const projectIds = useMemo(
    () => [...new Set((list.data ?? []).map((s) => s.projectId))].sort((a, b) => a - b),
    [list.data],
  );
  const figures = useChannelQuery('figures:period', { period, projectIds });
  const lightOf = useMemo(() => new Map((figures.data?.projects ?? []).map((p) => [p.id, p])), [figures.data]);
  const instructions = useChannelQuery('instructions:list', {});
  const refresh = useRefresh();
  const canEdit = useCanEdit();
  const byOrder = new Map<number, Instruction[]>();
  for (const i of instructions.data ?? []) if (i.supervisionId !== null) pushTo(byOrder, i.supervisionId, i);

  const act = async (what: () => Promise<string>) => {
    try {
      message.success(await what());
      await refresh('supervision:list');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const askText = (title: string, placeholder: string, run: (text: string) => Promise<string>) => {
    let text = '';
    modal.confirm({
      title,
      content: (
        <Input.TextArea
          rows={4}
          placeholder={placeholder}
          aria-label={placeholder}
          onChange={(e) => (text = e.target.value)}
        />
      ),
      okText: '确定',
      cancelText: '取消',
      onOk: () => act(() => run(text)),
    });
  };
  const reply = (s: Supervision) =>
    askText(
      `回复督办单 ${s.no}`,
      '整改情况回复',
      async (t) => (await call('supervision:reply', { id: s.id, reply: t }), `已登记回复：${s.no}`),
    );
  const close = (s: Supervision) =>
    askText(
      `办结督办单 ${s.no}`,
      '办结说明（可不填）',
      async (t) => (await call('supervision:close', { id: s.id, note: t }), `已办结：${s.no}`),
    );
  const escalate = (s: Supervision) =>
    modal.confirm({
      title: `升级督办单 ${s.no}？`,
      content: `将下达新的${s.color === '蓝' ? '黄色（警告）' : '红色（约谈）'}督办单，原督办单标记为“已升级”。`,
      okText: '升级',
      cancelText: '取消',
      onOk: () => act(async () => `已升级为 ${(await call('supervision:escalate', { id: s.id })).no}`),
    });
  const escalateOverdue = () =>
    act(async () => {
      const r = await call('supervision:escalateOverdue', { asOf: todayIso() });
      return r.length ? `已自动升级 ${r.length} 张逾期督办单` : '没有逾期未办结的督办单';
    });

  // Eight columns that fit 1366×768 without scrolling sideways: what the order is (编号 over 等级), which project (its
  // light beside the code), to whom and until when, then what it asks with the reply and the leaders' 批示 under it,
  // the state, and the buttons. As twelve columns side by side the table was 1,870 px wide and 督办内容, 回复 and
  // 领导批示 — what a leader opens the page for — had to be scrolled to.
  const columns: TableColumnsType<Supervision> = [
    {
      title: '编号 / 等级',
      key: 'no',
      width: 124,
      render: (_, s) => (
        <>
          <div>{s.no}</div>
          <Tag color={COLOR[s.color]}>
            {s.color}色{SUPERVISION_COLOR_MEANING[s.color]}
          </Tag>
        </>
      ),
    },
    {
      title: '项目（本期灯色）',
      key: 'project',
      width: 180,
      render: (_, s) => {
        const p = lightOf.get(s.projectId);
        return (
          <>
            <div>{s.projectName}</div>
            <Space size={6}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {s.projectCode}
              </Typography.Text>
              {p && <LightBadge projectId={p.id} name={p.name} level={p.level} reason={p.levelReason} />}
            </Space>
          </>
        );
      },
    },
    { title: '责任单位', dataIndex: 'toOrgName', width: 110 },
    {
      title: '下达 / 整改期限',
      key: 'deadline',
      width: 172,
      render: (_, s) => (
        <>
          <div>下达 {formatDateCn(s.issued)}</div>
          <Space size={4}>
            期限 {formatDateCn(s.deadline)}
            {s.overdue && <Tag color="red">逾期</Tag>}
          </Space>
        </>
      ),
    },
    {
      title: '督办内容 / 回复 / 领导批示',
      key: 'content',
      render: (_, s) => (
        <>
          <div style={{ whiteSpace: 'pre-wrap' }}>{s.content}</div>
          {s.reply && (
            <div className="supervision-reply">
              <Typography.Text type="secondary">回复（{formatDateCn(s.repliedAt)}）：</Typography.Text>
              {s.reply}
            </div>
          )}
          {(byOrder.get(s.id) ?? []).map((i) => (
            <div key={i.id} className="supervision-instruction">
              <InstructionText i={i} label="批示：" />
            </div>
          ))}
        </>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 120,
      render: (_, s) => (
        <Space size={2} direction="vertical">
          <Tag color={STATUS_COLOR[s.status]}>
            {s.status}
            {s.status === '已升级' && s.escalatedToNo ? `为${s.escalatedToNo}` : ''}
          </Tag>
          {s.escalatedFromNo && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              由{s.escalatedFromNo}升级
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      // 回复/办结/升级 for the office; 批示 for the 领导 (and a 管理员 recording one). The 领导 sees only 批示.
      title: '操作',
      key: 'ops',
      width: canEdit ? 156 : 76,
      fixed: 'right',
      render: (_, s) => (
        <Space size={4} wrap>
          {!s.closed && (
            <EditButton channel="supervision:reply" size="small" onClick={() => reply(s)} aria-label={`回复 ${s.no}`}>
              回复
            </EditButton>
          )}
          {!s.closed && (
            <EditButton channel="supervision:close" size="small" onClick={() => close(s)} aria-label={`办结 ${s.no}`}>
              办结
            </EditButton>
          )}
          {!s.closed && s.color !== '红' && (
            <EditButton
              channel="supervision:escalate"
              size="small"
              danger
              icon={<RiseOutlined />}
              onClick={() => escalate(s)}
              aria-label={`升级 ${s.no}`}
            >
              升级
            </EditButton>
          )}
          <WriteInstructionButton
            size="small"
            target={{ supervisionId: s.id, label: `督办单${s.no ?? ''}` }}
            onDone={() => void refresh('instructions:list')}
          />
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={
        <Space size="large">
          <span>督办</span>
          <PeriodPicker />
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'open' | 'all')}
            options={[
              { value: 'open', label: '未办结' },
              { value: 'all', label: '全部（含升级历史）' },
            ]}
          />
        </Space>
      }
      extra={
        <Space>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              void refresh('supervision:list', 'instructions:list');
            }}
          >
            刷新
          </Button>
          <EditButton channel="supervision:escalateOverdue" icon={<RiseOutlined />} onClick={escalateOverdue}>
            逾期自动升级
          </EditButton>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        在“月报填报”页对黄灯、红灯项目点击“督办”下达蓝色提醒；逾期未办结依次升级为黄色警告、红色约谈。领导可在每张督办单上写批示，批示随督办单打印。
      </Typography.Paragraph>
      {list.error && <Typography.Text type="danger">{list.error.message}</Typography.Text>}
      <Table<Supervision>
        rowKey="id"
        size="small"
        bordered
        loading={list.isFetching}
        columns={columns}
        dataSource={list.data ?? []}
        pagination={false}
        // Fixed widths but the content's, which takes what is left of the card; below 1,040 px it scrolls sideways.
        tableLayout="fixed"
        scroll={{ x: 1040 }}
        locale={{ emptyText: view === 'open' ? '没有未办结的督办单' : '暂无督办单' }}
      />
    </Card>
  );
}
