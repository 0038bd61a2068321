import { Button, Popconfirm, Tooltip, type ButtonProps } from 'antd';
import type { Channel } from '../../../shared/ipc/channels.ts';
import { PERMISSION_TEXT, permissionOf, ROLES_FOR } from '../../../shared/ipc/permissions.ts';
import { READ_ONLY_HINT, useCanEdit, useMay } from '../app/session.tsx';

/**
 * A button that changes data. The read-only 领导 does not see it at all (a leader reads, prints and writes 批示;
 * a greyed-out row of buttons they can never press is noise). A role that edits but may not call this `channel`
 * (a 录入员 before 关账) sees it disabled, with who may on hover.
 */
export function EditButton({ channel, ...props }: ButtonProps & { channel?: Channel }) {
  const canEdit = useCanEdit();
  const may = useMay(channel ?? 'projects:update');
  if (canEdit && may) return <Button {...props} />;
  if (!canEdit) return null;
  const hint = channel
    ? `只有${ROLES_FOR(permissionOf(channel)).join('或')}可以${PERMISSION_TEXT[permissionOf(channel)]}`
    : READ_ONLY_HINT;
  return (
    <Tooltip title={hint}>
      <Button {...props} disabled />
    </Tooltip>
  );
}

/** A delete link with confirmation; not shown to the 领导. */
export function DeleteButton({ title, onConfirm }: { title: string; onConfirm: () => void | Promise<void> }) {
  const canEdit = useCanEdit();
  if (!canEdit) return null;
  return (
    <Popconfirm
      title={title}
      okText="删除"
      cancelText="取消"
      okButtonProps={{ danger: true }}
      onConfirm={onConfirm}
      disabled={!canEdit}
    >
      <EditButton size="small" type="link" danger>
        删除
      </EditButton>
    </Popconfirm>
  );
}
