/** The 蒲州镇 sample plus what the seed lacks for documents: 督办单 (an escalated chain) and photos. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { resolveStoredPath, sha256Of, storedPathFor } from '../../../electron/core/attachments/store.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

// An 8×8 brick-red PNG.
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGM4YaOBFTEMLQkAdntLARs7+acAAAAASUVORK5CYII=',
  'base64',
);

export async function puzhouWithOrders(): Promise<{ t: TempCore; projectId: number; redOrderId: number }> {
  const t = await tempCore();
  await t.ok('app:onboard', { mode: 'demo' });
  const s = t.core.ctx.db.sqlite;
  const projectId = (s.prepare(`SELECT id FROM project WHERE code = '2017-22'`).get() as { id: number }).id; // 断头路打通
  const org = (s.prepare(`SELECT lead_org_id AS id FROM project WHERE id = ?`).get(projectId) as { id: number }).id;
  const ins = s.prepare(
    `INSERT INTO supervision (project_id, no, color, interview, issued, deadline, to_org_id, content, reply, closed, escalated_from_id, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, '测试员')`,
  );
  const blue = Number(
    ins.run(
      projectId,
      '督办〔2017〕1号',
      '蓝',
      0,
      '2017-08-10',
      '2017-08-31',
      org,
      '沿线拆迁未完成，请于8月底前完成拆迁。',
      null,
      null,
    ).lastInsertRowid,
  );
  const red = Number(
    ins.run(
      projectId,
      '督办〔2017〕5号',
      '红',
      1,
      '2017-09-15',
      '2017-10-15',
      org,
      '主体工程逾期未完工 <b>须约谈</b> & 限期整改。',
      '已组织力量加班施工。',
      blue,
    ).lastInsertRowid,
  );
  // Photos: one stored file, one whose file has gone missing.
  // Stored as the app stores them (content-addressed), written behind its back.
  const dir = t.core.ctx.paths.attachmentsDir;
  const pngSha = sha256Of(TINY_PNG);
  const before = resolveStoredPath(dir, storedPathFor(pngSha, 'png'));
  mkdirSync(dirname(before), { recursive: true });
  writeFileSync(before, TINY_PNG);
  const att = s.prepare(
    `INSERT INTO attachment (project_id, kind, file_name, stored_path, sha256, size, mime, taken_at, caption, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, '2017-09-30')`,
  );
  const goneSha = 'a'.repeat(64);
  const pdfSha = 'b'.repeat(64);
  att.run(
    projectId,
    '现场照片-前',
    'before.png',
    storedPathFor(pngSha, 'png'),
    pngSha,
    'image/png',
    '2017-03-02',
    '施工前路口',
  );
  att.run(
    projectId,
    '现场照片-中',
    'gone.jpg',
    storedPathFor(goneSha, 'jpg'),
    goneSha,
    'image/jpeg',
    '2017-09-20',
    '施工中',
  );
  att.run(projectId, '批复', 'pf.pdf', storedPathFor(pdfSha, 'pdf'), pdfSha, 'application/pdf', null, '可研批复');
  return { t, projectId, redOrderId: red };
}

/** Forty extra projects (one with a 100-character name) so the progress table runs over several pages. */
export const LONG_NAME =
  '蒲州镇' + '西厢大街东段至旅游路交叉口沿线雨污分流管网改造及道路硬化亮化绿化美化综合提升工程'.repeat(3).slice(0, 97);

export async function addManyProjects(t: TempCore): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await t.ok('projects:create', {
      code: `2017-9${String(i).padStart(2, '0')}`,
      name: i === 0 ? LONG_NAME : `批量测试项目${i + 1}号`,
      planYear: 2017,
      category: '基础设施',
      location: '镇区',
      scope: '道路硬化及配套设施，建设内容较多需要换行显示以测试表格的行高与分页',
      totalWan: String(100 + i),
      planStart: '2017-05-01',
      planEnd: '2017-12-31',
    });
  }
}
