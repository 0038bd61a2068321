/** Bulk edit of the selected projects: add a responsible unit, set the leader or status, add a tag — all or nothing. */
import { App as AntApp, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { PROJECT_STATUSES, PROJECT_TAGS } from '../../../../shared/domain/vocab.ts';
import type { Lookups } from '../../../../shared/schemas/org.ts';
import { call } from '../../lib/api.ts';
import { labelOf } from '../../../../shared/fields/registry.ts';
import { NAME_SEARCH, orgOption, staffOption } from '../../lib/options.ts';

interface Values {
  addResponsibleOrgIds?: number[];
  leaderStaffId?: number;
  status?: (typeof PROJECT_STATUSES)[number];
  addTag?: string[];
}

export function BulkEditModal({
  ids,
  lookups,
  open,
  onClose,
  onDone,
}: {
  ids: number[];
  lookups: Lookups;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = form.getFieldsValue();
    setSaving(true);
    try {
      const { updated } = await call('projects:bulkUpdate', {
        ids,
        patch: {
          addResponsibleOrgIds: v.addResponsibleOrgIds?.length ? v.addResponsibleOrgIds : undefined,
          leaderStaffId: v.leaderStaffId,
          status: v.status,
          addTag: v.addTag?.[0],
        },
      });
      message.success(`已批量修改 ${updated} 个项目`);
      form.resetFields();
      onDone();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      title={`批量修改（已选 ${ids.length} 个项目）`}
      open={open}
      onCancel={onClose}
      onOk={submit}
      okText="确定修改"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="addResponsibleOrgIds" label="增加责任单位" extra="在原有责任单位之外增加，不会删除原有单位">
          <Select mode="multiple" allowClear {...NAME_SEARCH} options={lookups.orgs.map(orgOption)} />
        </Form.Item>
        <Form.Item name="leaderStaffId" label={labelOf('project', 'leaderStaffId')}>
          <Select allowClear {...NAME_SEARCH} options={lookups.staff.filter((s) => s.active).map(staffOption)} />
        </Form.Item>
        <Form.Item name="status" label={labelOf('project', 'status')}>
          <Select allowClear options={PROJECT_STATUSES.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
        <Form.Item name="addTag" label="增加标记">
          <Select mode="tags" maxCount={1} options={PROJECT_TAGS.map((s) => ({ value: s, label: s }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
