/**
 * Attachments and photos: the file's bytes go to the core (never a path), which checks the content, keeps
 * it in the data folder by sha256 and answers with a thumbnail for pictures.
 */
import { DeleteOutlined, FileOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Empty, Image, Popconfirm, Select, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { formatInstantDateCn } from '../../../../shared/domain/display.ts';
import { ATTACHMENT_KINDS } from '../../../../shared/domain/vocab.ts';
import type { AttachmentRow } from '../../../../shared/schemas/project-parts.ts';
import { useMay } from '../../app/session.tsx';
import { call } from '../../lib/api.ts';
import { fileToBase64 } from '../../lib/files.ts';
import { useChannelQuery, useRefresh } from '../../lib/use-channel-query.ts';

type Kind = (typeof ATTACHMENT_KINDS)[number];

function Thumb({ a }: { a: AttachmentRow }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!a.mime.startsWith('image/')) return;
    call('attachments:get', { id: a.id }).then(
      (f) => setUrl(f.dataUrl),
      () => setUrl(null),
    );
  }, [a.id, a.mime]);
  if (!a.mime.startsWith('image/'))
    return (
      <div className="thumb-file">
        <FileOutlined style={{ fontSize: 40 }} />
      </div>
    );
  return url ? (
    <Image src={url} alt={a.fileName} width={160} height={120} style={{ objectFit: 'cover' }} />
  ) : (
    <div className="thumb-file" />
  );
}

export function AttachmentsPanel({ projectId, onChanged }: { projectId: number; onChanged: () => void }) {
  const list = useChannelQuery('attachments:list', { projectId });
  const refresh = useRefresh();
  const { message } = AntApp.useApp();
  const [kind, setKind] = useState<Kind>('现场照片-前');
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    try {
      await call('attachments:add', { projectId, kind, fileName: file.name, dataBase64: await fileToBase64(file) });
      message.success(`已上传“${file.name}”`);
      await refresh('attachments:list');
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const mayRemove = useMay('attachments:remove'); // deleting a file for good: 审核人 or 管理员
  const mayAdd = useMay('attachments:add'); // the 领导 looks at the files, adds none
  const remove = async (a: AttachmentRow) => {
    try {
      await call('attachments:remove', { id: a.id });
      message.success(`已删除附件“${a.fileName}”`);
      await refresh('attachments:list');
      onChanged();
    } catch (e) {
      message.error((e as Error).message);
    }
  };

  const rows = list.data ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {mayAdd && (
        <Space>
          <Select
            style={{ width: 160 }}
            value={kind}
            onChange={setKind}
            options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: k }))}
            aria-label="附件类别"
          />
          <Upload
            showUploadList={false}
            multiple
            accept=".jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.et,.wps"
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={busy}>
              上传附件或照片
            </Button>
          </Upload>
          <Typography.Text type="secondary">
            图片、PDF、Word、Excel，单个不超过50MB；文件复制到本机数据文件夹保存。
          </Typography.Text>
        </Space>
      )}
      {rows.length === 0 ? (
        <Empty description="暂无附件" />
      ) : (
        <Space wrap size={12} align="start">
          {rows.map((a) => (
            <Card
              key={a.id}
              size="small"
              style={{ width: 184 }}
              cover={<Thumb a={a} />}
              actions={
                mayRemove
                  ? [
                      <Popconfirm
                        key="d"
                        title={`删除附件“${a.fileName}”？删除后文件不可找回。`}
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => remove(a)}
                      >
                        <Button type="text" size="small" danger icon={<DeleteOutlined />}>
                          删除
                        </Button>
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Typography.Text strong>{a.kind}</Typography.Text>
              <br />
              <Typography.Text ellipsis style={{ width: 160 }} title={a.fileName}>
                {a.fileName}
              </Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {(a.size / 1024).toFixed(0)} KB · {formatInstantDateCn(a.createdAt)}
              </Typography.Text>
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 11 }} copyable={{ text: a.sha256 }}>
                sha256 {a.sha256.slice(0, 12)}…
              </Typography.Text>
            </Card>
          ))}
        </Space>
      )}
    </Space>
  );
}
