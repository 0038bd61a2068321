import { Button, Popconfirm, Tooltip, type ButtonProps } from 'antd';
import type { Channel } from '../../../shared/ipc/channels.ts';
import { PERMISSION_TEXT, permissionOf, ROLES_FOR } from '../../../shared/ipc/permissions.ts';
import { READ_ONLY_HINT, useCanEdit, useMay } from '../app/session.tsx';

/**
 * A button that changes data: disabled, with the reason on hover, for whoever may not — the read-only 领导,
 * or, with `channel`, every role the permission matrix does not allow to call it.
 */
export function EditButton({ channel, ...props }: ButtonProps & { channel?: Channel }) {
  const canEdit = useCanEdit();
  const may = useMay(channel ?? 'projects:update');
  if (canEdit && may) return <Button {...props} />;
  const hint = canEdit && channel ? `只有${ROLES_FOR(permissionOf(channel)).join('或')}可以${PERMISSION_TEXT[permissionOf(channel)]}` : READ_ONLY_HINT;
  return (
    <Tooltip title={hint}>
      <Button {...props} disabled />
    </Tooltip>
  );
}

/** A delete link with confirmation; disabled for 领导. */
export function DeleteButton({ title, onConfirm }: { title: string; onConfirm: () => void | Promise<void> }) {
  const canEdit = useCanEdit();
  return (
    <Popconfirm title={title} okText="删除" cancelText="取消" okButtonProps={{ danger: true }} onConfirm={onConfirm} disabled={!canEdit}>
      <EditButton size="small" type="link" danger>
        删除
      </EditButton>
    </Popconfirm>
  );
}
