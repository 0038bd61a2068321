/**
 * Every change-log kind the core can write is shown in Chinese in the 修改记录 (and its export): the entity
 * (typed by the field registry in change-log.ts, so the compiler refuses an unnamed one) and the field.
 * Three sources of kinds: the field keys the core derives from schemas (project diff, 月报 entries, light
 * rules, settings), every `entity: '…', field: '…'` literal in the core's source, and the diff-based rows of
 * units, people, tasks, action plans and the leading group written through handleCall and read back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, type ChangeEntity } from '../../shared/fields/registry.ts';
import { changeEntityLabel, changeFieldLabel } from '../../shared/fields/labels.ts';
import { projectFields } from '../../shared/schemas/project.ts';
import { LightRulesSchema } from '../../shared/schemas/lights.ts';
import { TOWN_SETTING_KEYS } from '../../shared/schemas/town-settings.ts';
import { DOC_KINDS } from '../../shared/schemas/printables.ts';
import { latinWords } from '../helpers/latin.ts';
import { tempCore, type TempCore } from '../helpers/temp-core.ts';

const REPORT_ENTRY_KEYS = ['monthFen', 'imageText', 'imagePct', 'issues', 'nextSteps', 'needs', 'state'];

/** A change-log kind is fit to show when both names are Chinese and known (no fallback name). */
function problems(entity: string, field: string | null): string[] {
  const e = changeEntityLabel(entity);
  const f = changeFieldLabel(entity, field);
  const out: string[] = [];
  if (e === '其他数据' || latinWords(e).length) out.push(`${entity}: “${e}”`);
  if (field && (f === '其他字段' || !f || latinWords(f).length)) out.push(`${entity}.${field}: “${f}”`);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('change-log kinds in Chinese', () => {
  it('names every entity of the registry', () => {
    const bad = (Object.keys(ENTITIES) as ChangeEntity[]).flatMap((e) => problems(e, null));
    expect(bad).toEqual([]);
  });

  it('names the fields the core derives from its schemas', () => {
    const kinds: [string, string][] = [
      ...Object.keys(projectFields).map((k) => ['project', k] as [string, string]),
      ...REPORT_ENTRY_KEYS.map((k) => ['progress', `2017-09.${k}`] as [string, string]),
      ...Object.keys(LightRulesSchema.shape).map((k) => ['light_rule', k] as [string, string]),
      ['light_rule', 'statsThresholdWan'],
      ...Object.values(TOWN_SETTING_KEYS).map((k) => ['setting', k] as [string, string]),
      ...DOC_KINDS.map((d) => ['setting', `report.settings.${d}`] as [string, string]),
    ];
    expect(kinds.flatMap(([e, f]) => problems(e, f))).toEqual([]);
  });

  it('names every entity and field the core writes literally', () => {
    const bad: string[] = [];
    let seen = 0;
    let lists = 0;
    for (const file of sourceFiles(join(__dirname, '../../electron/core'))) {
      const src = readFileSync(file, 'utf8');
      for (const m of src.matchAll(/entity: '(\w+)'[^{}]*?field: '([\w.]+)'/g)) {
        seen++;
        bad.push(...problems(m[1]!, m[2]!).map((p) => `${file.split('electron/core/')[1]}: ${p}`));
      }
      for (const m of src.matchAll(/(?:diffShown|saveList)\(\s*[^']*?'(\w+)'(?:, '(\w+)')?/g)) {
        lists++;
        bad.push(...problems(m[1]!, m[2] ?? null));
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(lists).toBeGreaterThanOrEqual(9); // 4 lists of the 一项目一档, 5 diffs
    expect(bad).toEqual([]);
  });

  describe('rows written through the app and read back in 修改记录', () => {
    let t: TempCore;
    beforeAll(async () => {
      t = await tempCore({ role: '管理员' });
      await t.ok('app:onboard', { mode: 'demo' });
    });
    afterAll(() => t.cleanup());

    it('shows units, people, tasks, action plans and the leading group field by field in Chinese', async () => {
      const org = await t.ok('orgs:save', { name: '蒲州镇文化站' });
      await t.ok('orgs:save', {
        id: org.id,
        name: '蒲州镇文化服务站',
        shortName: '文化站',
        level: '镇',
        kind: '镇站所',
        sort: 5,
        note: '改名',
      });
      const staff = await t.ok('staff:save', { name: '李文化', title: '站长', orgId: org.id });
      await t.ok('staff:save', {
        id: staff.id,
        name: '李文华',
        title: '副站长',
        orgId: null,
        phone: '0359-1234567',
        since: '2017-01-01',
        note: '调整',
        active: true,
      });
      const task = await t.ok('tasks:save', { title: '整治集镇环境卫生' });
      await t.ok('tasks:save', {
        id: task.id,
        title: '整治集镇环境卫生秩序',
        no: '1',
        category: '环境',
        deadline: '2017-12-31',
        progressText: '已启动',
        status: '推进中',
        issues: '人手不足',
        note: '重点',
      });
      const campaign = await t.ok('campaigns:save', { name: '擦亮小城镇行动', phases: [] });
      await t.ok('campaigns:save', {
        id: campaign.id,
        name: '擦亮小城镇三年行动',
        sourceDoc: '随政办〔2019〕1号',
        phases: [{ name: '动员部署' }],
      });
      const lg = await t.ok('leadingGroup:get', {});
      await t.ok('leadingGroup:save', {
        name: `${lg.group!.name}（调整）`,
        docNo: '蒲发〔2017〕9号',
        officeAt: '城建办',
        establishedOn: '2017-03-01',
        members: lg.members
          .slice(0, 3)
          .map((m) => ({ staffId: m.staffId, role: m.role as never, sort: m.sort, duty: m.duty })),
      });
      const page = await t.ok('history:list', { limit: 1000 });
      expect(page.rows.length).toBeGreaterThan(20);
      const bad = new Set<string>();
      for (const r of page.rows) {
        for (const p of problems(r.entity, r.field)) bad.add(p);
        if (latinWords(r.entityLabel).length || (r.field && latinWords(r.fieldLabel).length))
          bad.add(`${r.entityLabel} ${r.fieldLabel}`);
      }
      expect([...bad]).toEqual([]);
      const kinds = new Set(page.rows.map((r) => `${r.entityLabel}·${r.fieldLabel}`));
      for (const k of ['组织单位·简称', '人员·职务', '责任清单任务·工作进展', '行动方案·实施步骤', '领导小组·成立文号'])
        expect(kinds).toContain(k);
    });
  });
});
