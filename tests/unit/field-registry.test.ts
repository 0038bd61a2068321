/**
 * The field registry is the one definition of every field: each key (and alias) once per entity, a Chinese
 * label without Latin letters, list fields pointing at entities that exist, and the layers that show labels
 * (schemas' messages, grid columns, import headers, 修改记录) reading them from it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENTITIES, fieldDef, labelOf, titleOf, type EntityDef } from '../../shared/fields/registry.ts';
import { changeFieldLabel, pathLabel } from '../../shared/fields/labels.ts';
import { LEDGER_COLUMNS } from '../../renderer/src/features/ledger/ledger-columns.ts';
import { IMPORT_FIELDS, TEMPLATE_FIELDS } from '../../shared/domain/excel-synonyms.ts';
import { KIT_COLUMNS } from '../../electron/core/excel/kit/kit-workbook.ts';

const entities = Object.entries(ENTITIES as Record<string, EntityDef>);

describe('field registry', () => {
  it('names every entity and field in Chinese, with no Latin letter', () => {
    const bad: string[] = [];
    for (const [e, def] of entities) {
      if (!def.label || /[A-Za-z]/.test(def.label)) bad.push(`${e}: “${def.label}”`);
      for (const [k, f] of Object.entries(def.fields)) {
        if (!f.label || /[A-Za-z]/.test(f.label)) bad.push(`${e}.${k}: “${f.label}”`);
        if (f.short !== undefined && (!f.short || /[A-Za-z]/.test(f.short))) bad.push(`${e}.${k} short: “${f.short}”`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('defines each field exactly once per entity (keys and their 分 aliases never collide)', () => {
    const dup: string[] = [];
    for (const [e, def] of entities) {
      const seen = new Map<string, string>();
      for (const [k, f] of Object.entries(def.fields)) {
        for (const name of [k, ...(f.aliases ?? [])]) {
          if (seen.has(name)) dup.push(`${e}.${name} (in ${seen.get(name)} and ${k})`);
          seen.set(name, k);
        }
      }
    }
    expect(dup).toEqual([]);
    // an alias resolves to the one definition
    expect(fieldDef('project', 'totalFen')).toBe(fieldDef('project', 'totalWan'));
    expect(titleOf('project', 'totalFen')).toBe('总投资(万元)');
  });

  it('points list fields at entities that exist, and gives money fields the unit 万元', () => {
    for (const [e, def] of entities)
      for (const [k, f] of Object.entries(def.fields)) {
        if (f.of) expect(ENTITIES, `${e}.${k}.of`).toHaveProperty(f.of);
        if (f.format === 'money') expect(f.unit, `${e}.${k}`).toBe('万元');
      }
  });

  it('never shows a key where a label is missing', () => {
    expect(labelOf('project', 'noSuchField')).toBe('');
    expect(changeFieldLabel('project', 'noSuchField')).toBe('其他字段');
    expect(pathLabel('projects:create', ['noSuchField'])).toBe('');
    expect(pathLabel('plans:save', ['plans', 1, 'year'])).toBe('年度计划第2行计划年份');
    expect(pathLabel('projects:update', ['patch', 'name'])).toBe('项目名称');
    expect(changeFieldLabel('progress', '2017-09.monthFen')).toBe('2017年9月本月完成投资');
  });

  it('is where the grid columns and the import headers take their project labels from', () => {
    for (const c of LEDGER_COLUMNS) {
      const def = fieldDef('project', c.key);
      if (def) expect(c.title, c.key).toBe(titleOf('project', c.key));
    }
    for (const [k, label] of Object.entries(IMPORT_FIELDS)) {
      const def = fieldDef('project', k);
      if (def) expect(label, k).toBe(def.short ?? def.label);
    }
  });

  it('is the only place the schemas spell a registry label: every schema message label comes from it', () => {
    // A label literal passed to a schema helper (reqText('项目名称', …)) would be a second definition.
    const dir = join(__dirname, '../../shared/schemas');
    const helper =
      /\b(reqText|optText|moneyWan|optMoneyWan|isoDate|optIsoDate|year|optYear|oneOf|optOneOf)\((?:[^,()]+,\s*)?'([^']+)'/g;
    const byKey = new Map<string, string>();
    for (const [, def] of entities)
      for (const [k, f] of Object.entries(def.fields)) byKey.set(`${k}:${f.label}`, f.label);
    const second: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(dir, file), 'utf8');
      for (const line of src.split('\n')) {
        const key = /^\s*(\w+):/.exec(line)?.[1];
        for (const m of line.matchAll(helper))
          if (key && byKey.has(`${key}:${m[2]}`)) second.push(`${file}: ${key} '${m[2]}'`);
      }
    }
    expect(second).toEqual([]);
  });
});

/**
 * The layers that show a field — forms, grid columns, export headers, printouts, the 月报 sheet, import headers —
 * read its name from the registry instead of spelling it again. Two checks: what a consumer produces equals the
 * registry's label, and no consumer's source spells a registered label as a literal of its own.
 */
describe('every layer takes field names from the registry', () => {
  it("names each field in the 修改记录 by its registry label (and a money field's 分 twin by the same)", () => {
    const wrong: string[] = [];
    for (const [e, def] of entities) {
      if (e === 'common') continue;
      for (const [k, f] of Object.entries(def.fields))
        for (const key of [k, ...(f.aliases ?? [])])
          if (changeFieldLabel(e, key) !== f.label) wrong.push(`${e}.${key}: ${changeFieldLabel(e, key)} ≠ ${f.label}`);
    }
    expect(wrong).toEqual([]);
  });

  it("heads the 月报 columns of the 报送表 and of a county template with the registry's 月报 labels", () => {
    for (const c of KIT_COLUMNS) if (c.input) expect(c.header, c.input).toBe(titleOf('progress', c.input));
    const progressKeys = {
      monthWan: 'monthWan',
      cumWan: 'cumFen',
      imageText: 'imageText',
      issues: 'issues',
      nextSteps: 'nextSteps',
    } as const;
    for (const [k, field] of Object.entries(progressKeys))
      expect(TEMPLATE_FIELDS[k as keyof typeof TEMPLATE_FIELDS], k).toBe(labelOf('progress', field));
  });

  // The files that show ledger fields by name; each must read them from the registry.
  const CONSUMERS = [
    'electron/core/excel/export/templates.ts', // export headers (T1–T5)
    'electron/core/excel/kit/kit-workbook.ts', // the 报送表's columns
    'electron/core/printables/documents/card.ts', // the 一项目一档 printout
    'electron/core/printables/documents/briefing.ts', // the 简报 printout
    'shared/domain/excel-synonyms.ts', // import headers
    'renderer/src/features/ledger/ledger-columns.ts', // grid columns
    'renderer/src/features/ledger/ProjectForm.tsx', // the project form
    'renderer/src/features/ledger/ProjectPage.tsx', // the 一项目一档 screen and its list editors
    'renderer/src/features/ledger/LedgerFilterBar.tsx',
    'renderer/src/features/ledger/BulkEditModal.tsx',
    'renderer/src/features/monthly-report/MonthlyReportPage.tsx', // the 月报 grid
    'renderer/src/features/print/PrintPage.tsx', // the 简报 form
    'renderer/src/features/tasks/TasksPage.tsx',
    'renderer/src/features/excel/ImportPage.tsx',
    'renderer/src/features/collect/CollectPage.tsx',
  ];
  // Words that are also plain Chinese for something that is not the field (a row number, the 单位 of a 报送表, a
  // value of a vocabulary such as 分发方式 责任单位): a literal of these is not a second definition.
  const GENERIC = new Set(['序号', '单位', '金额', '年度', '年份', '备注', '类别', '附件', '排序', '报送', '增刊']);
  const LEDGER_ENTITIES = [
    'project',
    'project_item',
    'funding_plan',
    'year_plan',
    'milestone',
    'progress',
    'task',
    'briefing_issue',
  ];
  // Where a literal is the county's or the kit's own wording rather than the field's name (a layout, domain §2).
  const ALLOWED: Record<string, string[]> = {
    // the 报送表's identity sheet names its own rows (版本, 乡镇, 单位, 项目编号 …), read back by those words
    'electron/core/excel/kit/kit-workbook.ts': ['项目编号', '责任单位'],
    // 责任单位 is also a value of 分发方式 (by 责任单位 or by 包联领导), the page's default
    'renderer/src/features/collect/CollectPage.tsx': ['责任单位'],
  };

  it('leaves no registered label of a ledger field spelled out in a consumer', () => {
    const root = join(__dirname, '../..');
    const names = new Set<string>();
    for (const e of LEDGER_ENTITIES)
      for (const f of Object.values((ENTITIES as Record<string, EntityDef>)[e]!.fields))
        for (const n of [f.label, f.short]) if (n && !GENERIC.has(n)) names.add(n);
    const found: string[] = [];
    for (const file of CONSUMERS) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/^\s*(\*|\/\/|\/\*)/.test(line)) return; // comments may name a field
        for (const m of line.matchAll(/(['"`])([^'"`\n]{2,24}?)(?:\(万元\)|（万元）)?\1/g)) {
          const text = m[2]!;
          if (names.has(text) && !(ALLOWED[file] ?? []).includes(text)) found.push(`${file}:${i + 1} '${text}'`);
        }
      });
    }
    expect(found).toEqual([]);
  });
});
