/** Attachments (bytes in, content checked, stored by sha256), the change history and per-operator UI settings. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

let t: TempCore;
beforeEach(async () => {
  t = await tempCore();
});
afterEach(() => t.cleanup());

const project = () =>
  t.ok('projects:create', {
    code: 'A-1',
    name: '镇区公厕',
    planYear: 2017,
    location: '集贸市场旁',
    scope: '新建水冲式公厕2座',
    totalWan: '60',
  });

// a 1×1 transparent PNG
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const b64 = (b: Buffer) => b.toString('base64');

describe('attachments', () => {
  it('stores a photo under attachments/<sha prefix>/<sha>.png, once, and returns a data URL', async () => {
    await t.signIn('审核人'); // removing deletes the file for good: a reviewer's (or 管理员's) call
    const p = await project();
    const sha = createHash('sha256').update(PNG).digest('hex');
    const a = await t.ok('attachments:add', {
      projectId: p.id,
      kind: '现场照片-前',
      fileName: '施工前.png',
      dataBase64: b64(PNG),
      caption: '东侧',
    });
    expect(a).toMatchObject({ sha256: sha, mime: 'image/png', size: PNG.length, kind: '现场照片-前' });
    const file = join(t.core.ctx.paths.attachmentsDir, sha.slice(0, 2), `${sha}.png`);
    expect(readFileSync(file)).toEqual(PNG);
    const got = await t.ok('attachments:get', { id: a.id });
    expect(got.dataUrl).toBe(`data:image/png;base64,${b64(PNG)}`);
    expect((await t.ok('attachments:list', { projectId: p.id })).map((r) => r.fileName)).toEqual(['施工前.png']);

    // the same bytes on another project: a second row, one file on disk
    const q = await t.ok('projects:create', {
      name: '镇区公厕二期',
      planYear: 2017,
      location: '镇区',
      scope: '新建',
      totalWan: '1',
    });
    const b = await t.ok('attachments:add', { projectId: q.id, kind: '验收', fileName: 'x.png', dataBase64: b64(PNG) });
    await t.ok('attachments:remove', { id: a.id });
    expect(existsSync(file)).toBe(true); // still used by b
    await t.ok('attachments:remove', { id: b.id });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses content that is not a picture or a document, whatever its name, and writes nothing', async () => {
    const p = await project();
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]);
    const r = await t.call('attachments:add', {
      projectId: p.id,
      kind: '合同',
      fileName: '合同.pdf',
      dataBase64: b64(exe),
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('文件“合同.pdf”不是支持的类型');
    expect(await t.ok('attachments:list', { projectId: p.id })).toEqual([]);
  });

  it('accepts pdf and legacy office files by their magic bytes', async () => {
    const p = await project();
    const pdf = await t.ok('attachments:add', {
      projectId: p.id,
      kind: '批复',
      fileName: '批复',
      dataBase64: b64(Buffer.from('%PDF-1.4\n%…')),
    });
    expect(pdf.mime).toBe('application/pdf');
    // an OLE2 container whose directory names a Workbook stream (legacy Excel)
    const ole = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      Buffer.from('Workbook', 'utf16le'),
    ]);
    const xls = await t.ok('attachments:add', {
      projectId: p.id,
      kind: '审计',
      fileName: '结算.xls',
      dataBase64: b64(ole),
    });
    expect(xls.mime).toBe('application/vnd.ms-excel');
  });

  it('refuses the same file twice on one project, a bad kind and a missing file', async () => {
    const p = await project();
    await t.ok('attachments:add', { projectId: p.id, kind: '现场照片-后', fileName: 'a.png', dataBase64: b64(PNG) });
    const dup = await t.call('attachments:add', {
      projectId: p.id,
      kind: '现场照片-后',
      fileName: 'b.png',
      dataBase64: b64(PNG),
    });
    expect(!dup.ok && dup.error.message).toContain('同样内容的文件已作为“a.png”');
    const kind = await t.call('attachments:add', {
      projectId: p.id,
      kind: '随便' as never,
      fileName: 'b.png',
      dataBase64: b64(PNG),
    });
    expect(!kind.ok && kind.error.message).toContain('附件类别应为');
    const empty = await t.call('attachments:add', { projectId: p.id, kind: '合同', fileName: 'b.png', dataBase64: '' });
    expect(!empty.ok && empty.error.message).toContain('文件是空的');
  });
});

describe('change history', () => {
  it('lists each step with its operator, filtered by project and operator', async () => {
    const p = await project();
    await t.ok('projects:update', { id: p.id, patch: { status: '在建' } });
    await t.ok('funding:save', { projectId: p.id, funding: [{ source: '县级资金', amountWan: '60' }] });
    await t.ok('milestones:save', { projectId: p.id, milestones: [{ node: '开工', planDate: '2017-05-01' }] });
    await t.ok('projects:delete', { id: p.id });
    await t.ok('projects:restore', { id: p.id });
    await t.reopen({ operator: '李会计' });
    await t.ok('projects:update', { id: p.id, patch: { totalWan: '61' } });

    const all = (await t.ok('history:list', { projectId: p.id })).rows;
    expect(all.map((h) => [h.operator, h.action, h.fieldLabel || h.entityLabel])).toEqual([
      ['李会计', '修改', '总投资'],
      ['测试员', '恢复', '项目'],
      ['测试员', '删除', '项目'],
      ['测试员', '修改', '节点'],
      ['测试员', '修改', '资金构成'],
      ['测试员', '修改', '项目状态'],
      ['测试员', '新增', '项目'],
    ]);
    expect(all[0]).toMatchObject({ oldValue: '60.00万元', newValue: '61.00万元', projectName: '镇区公厕' });
    expect(all[4]!.newValue).toBe('县级资金 60.00万元');
    expect((await t.ok('history:list', { operator: '李会计' })).rows.length).toBe(1);
    expect((await t.ok('history:list', { projectId: p.id, from: '2099-01-01' })).rows.length).toBe(0);
  });
});

describe('per-operator UI settings', () => {
  it('keeps a JSON value per operator', async () => {
    expect(await t.ok('settings:getUi', { key: 'ledger.columns' })).toEqual({ value: null });
    await t.ok('settings:setUi', { key: 'ledger.columns', value: ['name', 'totalFen'] });
    expect(await t.ok('settings:getUi', { key: 'ledger.columns' })).toEqual({ value: ['name', 'totalFen'] });
    const raw = t.core.ctx.db.sqlite
      .prepare("SELECT value FROM setting WHERE key = 'ui.测试员.ledger.columns'")
      .get() as { value: string };
    expect(JSON.parse(raw.value)).toEqual(['name', 'totalFen']);
    await t.reopen({ operator: '李会计' });
    expect(await t.ok('settings:getUi', { key: 'ledger.columns' })).toEqual({ value: null });
  });
  it('refuses a bad key', async () => {
    const r = await t.call('settings:setUi', { key: '../x', value: 1 });
    expect(!r.ok && r.error.message).toContain('界面设置名称无效');
  });
});
