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
import { IMPORT_FIELDS } from '../../shared/domain/excel-synonyms.ts';

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
    const helper = /\b(reqText|optText|moneyWan|optMoneyWan|isoDate|optIsoDate|year|optYear|oneOf|optOneOf)\((?:[^,()]+,\s*)?'([^']+)'/g;
    const byKey = new Map<string, string>();
    for (const [, def] of entities) for (const [k, f] of Object.entries(def.fields)) byKey.set(`${k}:${f.label}`, f.label);
    const second: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const src = readFileSync(join(dir, file), 'utf8');
      for (const line of src.split('\n')) {
        const key = /^\s*(\w+):/.exec(line)?.[1];
        for (const m of line.matchAll(helper)) if (key && byKey.has(`${key}:${m[2]}`)) second.push(`${file}: ${key} '${m[2]}'`);
      }
    }
    expect(second).toEqual([]);
  });
});
