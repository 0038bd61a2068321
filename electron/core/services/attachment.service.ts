/**
 * Attachments and photos of a project. The renderer sends bytes (never a path); the core checks the
 * content by its magic bytes, stores it content-addressed under attachments/<sha prefix>/<sha>.<ext>
 * (the same file attached twice is stored once) and records it in one transaction with the change log.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import {
  ATTACHMENT_MAX_BYTES,
  type AttachmentAddSchema,
  type AttachmentRow,
} from '../../../shared/schemas/project-parts.ts';
import type { z } from '../../../shared/schemas/zod-zh.ts';
import { detectFileType } from '../attachments/file-type.ts';
import { resolveStoredPath, sha256Of, storedPathFor, writeAttachmentFile } from '../attachments/store.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, notFound, validationError } from '../errors.ts';
import * as parts from '../repositories/project-parts.repository.ts';
import { requireProject } from './project.service.ts';

export function listAttachments(ctx: Ctx, projectId: number): AttachmentRow[] {
  requireProject(ctx, projectId);
  return parts.listAttachments(ctx.db, projectId);
}

export function addAttachment(ctx: Ctx, input: z.output<typeof AttachmentAddSchema>): AttachmentRow {
  const bytes = Buffer.from(input.dataBase64, 'base64');
  if (bytes.length === 0) throw validationError([{ path: 'dataBase64', message: `文件“${input.fileName}”是空的` }]);
  if (bytes.length > ATTACHMENT_MAX_BYTES)
    throw validationError([{ path: 'dataBase64', message: `文件“${input.fileName}”超过50MB，请压缩后再上传` }]);
  const type = detectFileType(bytes);
  if (!type)
    throw validationError([
      {
        path: 'fileName',
        message: `文件“${input.fileName}”不是支持的类型（只接受 jpg、png、gif、webp 图片，pdf，Word、Excel 文档）`,
      },
    ]);
  const sha256 = sha256Of(bytes);
  return ctx.db.tx(() => {
    const p = requireProject(ctx, input.projectId);
    if (p.deletedAt) throw new AppError('CONFLICT', `项目“${p.name}”在回收站中，请先恢复再上传附件`);
    const dup = parts.findAttachmentBySha(ctx.db, input.projectId, sha256);
    if (dup) throw new AppError('CONFLICT', `同样内容的文件已作为“${dup.file_name}”（${dup.kind}）上传过`);
    const rel = storedPathFor(sha256, type.ext);
    writeAttachmentFile(resolveStoredPath(ctx.paths.attachmentsDir, rel, sha256), bytes, sha256);
    const at = nowIso(ctx);
    const id = parts.insertAttachment(ctx.db, {
      project_id: input.projectId,
      kind: input.kind,
      file_name: input.fileName,
      stored_path: rel,
      sha256,
      size: bytes.length,
      mime: type.mime,
      taken_at: input.takenAt,
      caption: input.caption,
      created_at: at,
    });
    appendChanges(ctx.db, ctx.session.operator, at, [
      {
        action: '新增',
        entity: 'attachment',
        entityId: id,
        projectId: input.projectId,
        field: 'attachment',
        newValue: `${input.kind}：${input.fileName}`,
      },
    ]);
    return parts.toAttachment(parts.findAttachment(ctx.db, id)!);
  });
}

export function getAttachment(ctx: Ctx, id: number): AttachmentRow & { dataUrl: string } {
  const r = parts.findAttachment(ctx.db, id);
  if (!r) throw notFound('附件', id);
  const file = resolveStoredPath(ctx.paths.attachmentsDir, r.stored_path);
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `附件“${r.file_name}”的文件在数据文件夹中找不到了`);
  const bytes = readFileSync(file);
  return { ...parts.toAttachment(r), dataUrl: `data:${r.mime};base64,${bytes.toString('base64')}` };
}

export function removeAttachment(ctx: Ctx, id: number): { removed: number } {
  const removedFile = ctx.db.tx(() => {
    const r = parts.findAttachment(ctx.db, id);
    if (!r) throw notFound('附件', id);
    // Refused before anything is written: a crafted row must not make us delete a file outside the folder.
    const file = resolveStoredPath(ctx.paths.attachmentsDir, r.stored_path);
    parts.deleteAttachment(ctx.db, id);
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: '删除',
        entity: 'attachment',
        entityId: id,
        projectId: r.project_id,
        field: 'attachment',
        oldValue: `${r.kind}：${r.file_name}`,
      },
    ]);
    return parts.countAttachmentsBySha(ctx.db, r.sha256) === 0 ? file : null;
  });
  // after commit: drop the file only when no other attachment row still points at the same bytes
  if (removedFile) rmSync(removedFile, { force: true });
  return { removed: 1 };
}
