import { Button, Popconfirm, Tooltip, type ButtonProps } from 'antd';
import { READ_ONLY_HINT, useCanEdit } from '../app/session.tsx';

/** A button that changes data: disabled, with the reason on hover, for the read-only 领导 role. */
export function EditButton(props: ButtonProps) {
  const canEdit = useCanEdit();
  if (canEdit) return <Button {...props} />;
  return (
    <Tooltip title={READ_ONLY_HINT}>
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
