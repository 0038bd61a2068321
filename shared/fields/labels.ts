/**
 * Labels for messages and the change log, all read from the field registry: which entity a channel's input
 * describes, how a zod issue path is named (年度计划第2行“计划年份”), and how a change-log row is named.
 */
import { ENTITIES, entityLabel, fieldDef, labelOf, type EntityDef, type EntityKey } from './registry.ts';

/** The entity whose fields a channel's input carries; `common` keys (id, period, …) are looked up after it. */
const CHANNEL_ENTITY: Record<string, EntityKey> = {
  app: 'setting',
  projects: 'project',
  items: 'project',
  funding: 'project',
  plans: 'project',
  milestones: 'project',
  attachments: 'attachment',
  orgs: 'org_unit',
  staff: 'staff',
  leadingGroup: 'leading_group',
  tasks: 'task',
  campaigns: 'campaign',
  indicators: 'indicator_value',
  operators: 'operator',
  session: 'operator',
  settings: 'setting',
  'security:saveIdle': 'setting',
  funds: 'fund_flow',
  'funds:saveAward': 'award_subsidy',
  assessments: 'assessment',
  'assessments:saveItems': 'assessment',
  reports: 'progress',
  'reports:render': 'common',
  'reports:pdf': 'common',
  'reports:getSettings': 'common',
  'reports:saveSettings': 'common',
  'reports:options': 'common',
  briefings: 'briefing_issue',
  periods: 'period',
  lights: 'light_rule',
  supervision: 'supervision',
  instructions: 'instruction',
  collect: 'collect_kit',
  county: 'setting',
  package: 'county_package',
};

export const channelEntity = (channel: string): EntityKey =>
  CHANNEL_ENTITY[channel] ?? CHANNEL_ENTITY[channel.split(':')[0]!] ?? 'common';

/**
 * Where a zod issue path points, in Chinese, for a channel's messages: `where` names the list row (资金构成第2行),
 * `leaf` the field (资金金额); nested keys are looked up in the list's own entity. Empty parts name nothing.
 */
export function pathParts(channel: string, path: readonly PropertyKey[]): { where: string; leaf: string } {
  let entity: EntityKey = channelEntity(channel);
  let where = '';
  let leaf = '';
  let container = false;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (leaf) where += `${leaf}第${seg + 1}行`;
      leaf = '';
      continue;
    }
    if (typeof seg !== 'string') continue;
    const def = fieldDef(entity, seg) ?? fieldDef('common', seg);
    if (!def) continue;
    // A record nested in another (successor.name) keeps the outer name; a container of the same kind of
    // record (patch.name, items.0.name handled above) does not.
    if (leaf && !container) where += `${leaf}·`;
    leaf = def.label;
    container = Boolean(def.of);
    if (def.of) entity = def.of as EntityKey;
  }
  const nested = /^(.*行)?([^行]*·)$/.exec(where); // 接任人·姓名 is one field's name, not a row
  if (nested) return { where: nested[1] ?? '', leaf: nested[2]! + leaf };
  return { where, leaf };
}

/** The whole name of the field a path points at: 年度计划第2行计划年份. */
export function pathLabel(channel: string, path: readonly PropertyKey[]): string {
  const { where, leaf } = pathParts(channel, path);
  return where + leaf;
}

/** The label of a field of a channel's input, by its key alone (the last-resort form of pathLabel). */
export const fieldLabelFor = (channel: string, key: string): string => pathLabel(channel, [key]);

/** A project field's Chinese name ('' when unknown). */
export const projectFieldLabel = (key: string): string => labelOf('project', key);

/** The Chinese name of a change-log entity. */
export const changeEntityLabel = entityLabel;

/**
 * The Chinese name of a change-log row's field. 月报 rows carry the period in the field (`2017-09.monthFen`),
 * settings their storage key (`town.name`).
 */
export function changeFieldLabel(entity: string, field: string | null): string {
  if (!field) return '';
  const m = /^(\d{4})-(\d{2})\.(.+)$/.exec(field);
  if (m) {
    const inner = changeFieldLabel(entity, m[3]!);
    return `${m[1]}年${Number(m[2])}月${inner}`;
  }
  // The lists of the 一项目一档 are logged under their own entity with the project's list field (milestone · milestones).
  return labelOf(entity, field) || labelOf('project', field) || labelOf('common', field) || '其他字段';
}

/** The entities that may appear in the 修改记录 filter (everything the core writes to the change log). */
export const CHANGE_ENTITY_OPTIONS: { value: string; label: string }[] = Object.entries(
  ENTITIES as Record<string, EntityDef>,
)
  .filter(
    ([k, e]) => k !== 'common' && (Object.keys(e.fields).length > 0 || ['ledger', 'import', 'database'].includes(k)),
  )
  .map(([value, e]) => ({ value, label: e.label }));
