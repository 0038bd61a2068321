// 0001: the whole domain schema of ../shared/docs/domain.md §1. Frozen SQL: never import app code here,
// so this migration means the same thing forever. Money columns are INTEGER 分 in STRICT tables, so a
// float can never be stored; derived figures (累计, 完成率) are not columns.
import type { SqliteDb } from '../connection.ts';

const statements = [
  `CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,

  `CREATE TABLE operator (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     role TEXT NOT NULL CHECK (role IN ('录入员','审核人','领导')),
     password_hash TEXT,
     active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
     created_at TEXT NOT NULL
   ) STRICT`,

  `CREATE TABLE org_unit (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     short_name TEXT,
     level TEXT CHECK (level IN ('省','市','县','镇','村','企业')),
     kind TEXT CHECK (kind IN ('党委政府','县直部门','镇站所','村(社区)','实施单位','施工','设计','监理')),
     sort INTEGER NOT NULL DEFAULT 0,
     note TEXT
   ) STRICT`,

  `CREATE TABLE staff (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     title TEXT NOT NULL,
     org_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
     phone TEXT,
     active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
     since TEXT,
     until TEXT,
     note TEXT
   ) STRICT`,
  `CREATE INDEX staff_org_idx ON staff(org_id)`,

  `CREATE TABLE leading_group (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     doc_no TEXT,
     office_at TEXT,
     office_director_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
     established_on TEXT
   ) STRICT`,
  `CREATE TABLE lg_member (
     id INTEGER PRIMARY KEY,
     group_id INTEGER NOT NULL REFERENCES leading_group(id) ON DELETE CASCADE,
     staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE RESTRICT,
     role TEXT NOT NULL CHECK (role IN ('组长','常务副组长','副组长','成员','办公室主任')),
     sort INTEGER NOT NULL DEFAULT 0,
     duty TEXT,
     UNIQUE (group_id, staff_id, role)
   ) STRICT`,
  `CREATE UNIQUE INDEX lg_member_one_leader ON lg_member(group_id) WHERE role = '组长'`,

  `CREATE TABLE project (
     id INTEGER PRIMARY KEY,
     code TEXT UNIQUE,
     name TEXT NOT NULL CHECK (length(name) BETWEEN 2 AND 100),
     plan_year INTEGER NOT NULL CHECK (plan_year BETWEEN 1900 AND 2099),
     parent_id INTEGER REFERENCES project(id) ON DELETE RESTRICT,
     category TEXT,
     subcategory TEXT,
     stage_group TEXT,
     nature TEXT,
     location TEXT NOT NULL DEFAULT '',
     village_org_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
     scope TEXT NOT NULL DEFAULT '' CHECK (length(scope) <= 500),
     total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
     approx INTEGER NOT NULL DEFAULT 0 CHECK (approx IN (0,1)),
     year_from INTEGER CHECK (year_from BETWEEN 1900 AND 2099),
     year_to INTEGER CHECK (year_to BETWEEN 1900 AND 2099),
     plan_start TEXT,
     plan_end TEXT,
     act_start TEXT,
     act_end TEXT,
     status TEXT NOT NULL DEFAULT '前期',
     approval_kind TEXT,
     approval_no TEXT,
     approval_ym TEXT,
     owner_org_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
     lead_org_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
     leader_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
     manager_staff_id INTEGER REFERENCES staff(id) ON DELETE SET NULL,
     contact TEXT,
     phone TEXT,
     delivery TEXT,
     gov_funded INTEGER NOT NULL DEFAULT 1 CHECK (gov_funded IN (0,1)),
     in_stats INTEGER NOT NULL DEFAULT 0 CHECK (in_stats IN (0,1)),
     stats_date TEXT,
     land_mu_have REAL,
     land_mu_need REAL,
     needs_matching INTEGER NOT NULL DEFAULT 0 CHECK (needs_matching IN (0,1)),
     opening_cum_fen INTEGER NOT NULL DEFAULT 0 CHECK (opening_cum_fen >= 0),
     opening_cum_year INTEGER,
     note TEXT,
     sort INTEGER NOT NULL DEFAULT 0,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     deleted_at TEXT,
     CHECK (year_from IS NULL OR year_to IS NULL OR year_from <= year_to),
     CHECK (plan_start IS NULL OR plan_end IS NULL OR plan_start <= plan_end),
     CHECK (act_end IS NULL OR act_start IS NOT NULL)
   ) STRICT`,
  `CREATE INDEX project_parent_idx ON project(parent_id)`,
  `CREATE INDEX project_year_idx ON project(plan_year, deleted_at)`,
  `CREATE INDEX project_lead_idx ON project(lead_org_id)`,
  `CREATE INDEX project_leader_idx ON project(leader_staff_id)`,
  `CREATE UNIQUE INDEX project_name_year ON project(plan_year, name) WHERE deleted_at IS NULL`,

  `CREATE TABLE project_org (
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     org_id INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
     PRIMARY KEY (project_id, org_id)
   ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX project_org_org_idx ON project_org(org_id)`,
  `CREATE TABLE project_tag (
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     tag TEXT NOT NULL,
     PRIMARY KEY (project_id, tag)
   ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE project_item (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     qty REAL,
     unit TEXT,
     amount_fen INTEGER NOT NULL DEFAULT 0 CHECK (amount_fen >= 0),
     approx INTEGER NOT NULL DEFAULT 0 CHECK (approx IN (0,1)),
     sort INTEGER NOT NULL DEFAULT 0
   ) STRICT`,
  `CREATE INDEX project_item_project_idx ON project_item(project_id)`,

  `CREATE TABLE funding_plan (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     source TEXT NOT NULL,
     amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
     note TEXT
   ) STRICT`,
  `CREATE INDEX funding_plan_project_idx ON funding_plan(project_id)`,

  `CREATE TABLE year_plan (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2099),
     plan_fen INTEGER NOT NULL CHECK (plan_fen >= 0),
     content TEXT,
     node_target TEXT,
     m01_fen INTEGER, m02_fen INTEGER, m03_fen INTEGER, m04_fen INTEGER, m05_fen INTEGER, m06_fen INTEGER,
     m07_fen INTEGER, m08_fen INTEGER, m09_fen INTEGER, m10_fen INTEGER, m11_fen INTEGER, m12_fen INTEGER,
     UNIQUE (project_id, year)
   ) STRICT`,

  `CREATE TABLE milestone (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     node TEXT NOT NULL,
     plan_date TEXT,
     act_date TEXT,
     note TEXT,
     sort INTEGER NOT NULL DEFAULT 0
   ) STRICT`,
  `CREATE INDEX milestone_project_idx ON milestone(project_id)`,

  `CREATE TABLE progress (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     period TEXT NOT NULL CHECK (period GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
     month_fen INTEGER NOT NULL CHECK (month_fen >= 0),
     image_text TEXT NOT NULL DEFAULT '' CHECK (length(image_text) <= 200),
     image_pct INTEGER CHECK (image_pct BETWEEN 0 AND 100),
     issues TEXT,
     next_steps TEXT,
     needs TEXT,
     state TEXT NOT NULL DEFAULT '草稿' CHECK (state IN ('草稿','已报送','退回')),
     filled_by TEXT,
     reviewed_by TEXT,
     filled_at TEXT,
     return_reason TEXT,
     updated_at TEXT NOT NULL,
     UNIQUE (project_id, period)
   ) STRICT`,
  `CREATE INDEX progress_period_idx ON progress(period)`,

  `CREATE TABLE period_close (
     period TEXT PRIMARY KEY,
     closed INTEGER NOT NULL DEFAULT 1 CHECK (closed IN (0,1)),
     closed_at TEXT NOT NULL,
     closed_by TEXT NOT NULL,
     reopened_at TEXT,
     reopened_by TEXT,
     reopen_reason TEXT
   ) STRICT`,
  `CREATE TABLE period_snapshot (
     period TEXT NOT NULL REFERENCES period_close(period) ON DELETE CASCADE,
     project_id INTEGER NOT NULL,
     data TEXT NOT NULL,
     PRIMARY KEY (period, project_id)
   ) STRICT`,

  `CREATE TABLE fund_flow (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     date TEXT NOT NULL,
     type TEXT NOT NULL CHECK (type IN ('到位','拨付','支付')),
     source TEXT NOT NULL,
     amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
     batch TEXT,
     voucher_no TEXT,
     note TEXT
   ) STRICT`,
  `CREATE INDEX fund_flow_project_idx ON fund_flow(project_id, date)`,

  `CREATE TABLE award_subsidy (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     applied_fen INTEGER NOT NULL DEFAULT 0 CHECK (applied_fen >= 0),
     applied_on TEXT,
     note TEXT
   ) STRICT`,

  `CREATE TABLE attachment (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     kind TEXT NOT NULL,
     file_name TEXT NOT NULL,
     stored_path TEXT NOT NULL,
     sha256 TEXT NOT NULL,
     size INTEGER NOT NULL,
     mime TEXT NOT NULL,
     taken_at TEXT,
     caption TEXT,
     created_at TEXT NOT NULL
   ) STRICT`,
  `CREATE INDEX attachment_project_idx ON attachment(project_id)`,

  `CREATE TABLE campaign (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL,
     source_doc TEXT
   ) STRICT`,
  `CREATE TABLE campaign_phase (
     id INTEGER PRIMARY KEY,
     campaign_id INTEGER NOT NULL REFERENCES campaign(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     date_from TEXT,
     date_to TEXT,
     goal TEXT,
     sort INTEGER NOT NULL DEFAULT 0,
     CHECK (date_from IS NULL OR date_to IS NULL OR date_from <= date_to)
   ) STRICT`,

  `CREATE TABLE task (
     id INTEGER PRIMARY KEY,
     campaign_id INTEGER REFERENCES campaign(id) ON DELETE SET NULL,
     no TEXT,
     title TEXT NOT NULL,
     category TEXT,
     lead_org_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
     deadline TEXT,
     progress_text TEXT,
     status TEXT NOT NULL DEFAULT '未启动' CHECK (status IN ('未启动','推进中','已完成','滞后')),
     issues TEXT,
     note TEXT,
     sort INTEGER NOT NULL DEFAULT 0
   ) STRICT`,
  `CREATE TABLE task_org (
     task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
     org_id INTEGER NOT NULL REFERENCES org_unit(id) ON DELETE CASCADE,
     PRIMARY KEY (task_id, org_id)
   ) STRICT, WITHOUT ROWID`,
  `CREATE TABLE task_project (
     task_id INTEGER NOT NULL REFERENCES task(id) ON DELETE CASCADE,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     PRIMARY KEY (task_id, project_id)
   ) STRICT, WITHOUT ROWID`,

  `CREATE TABLE indicator (
     id INTEGER PRIMARY KEY,
     code TEXT UNIQUE,
     name TEXT NOT NULL,
     unit TEXT,
     comparator TEXT CHECK (comparator IN ('≥','≤','=')),
     target REAL,
     target_text TEXT,
     source_doc TEXT,
     sort INTEGER NOT NULL DEFAULT 0
   ) STRICT`,
  `CREATE TABLE indicator_value (
     id INTEGER PRIMARY KEY,
     indicator_id INTEGER NOT NULL REFERENCES indicator(id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('基期','实际')),
     value REAL NOT NULL,
     as_of TEXT NOT NULL,
     note TEXT
   ) STRICT`,

  `CREATE TABLE light_rule (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`,
  `CREATE TABLE warning (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     period TEXT NOT NULL,
     dimension TEXT NOT NULL,
     level TEXT NOT NULL CHECK (level IN ('green','yellow','red')),
     rule TEXT NOT NULL,
     value REAL,
     threshold REAL,
     text TEXT NOT NULL,
     computed_at TEXT NOT NULL,
     UNIQUE (project_id, period, dimension, computed_at)
   ) STRICT`,
  `CREATE INDEX warning_period_idx ON warning(period, project_id)`,

  `CREATE TABLE supervision (
     id INTEGER PRIMARY KEY,
     project_id INTEGER NOT NULL REFERENCES project(id) ON DELETE CASCADE,
     no TEXT,
     color TEXT NOT NULL CHECK (color IN ('蓝','黄','红')),
     interview INTEGER NOT NULL DEFAULT 0 CHECK (interview IN (0,1)),
     issued TEXT NOT NULL,
     deadline TEXT NOT NULL,
     to_org_id INTEGER REFERENCES org_unit(id) ON DELETE SET NULL,
     content TEXT NOT NULL,
     reply TEXT,
     replied_at TEXT,
     closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0,1)),
     closed_at TEXT,
     escalated_from_id INTEGER REFERENCES supervision(id) ON DELETE SET NULL,
     created_by TEXT,
     CHECK (issued <= deadline)
   ) STRICT`,
  `CREATE INDEX supervision_project_idx ON supervision(project_id)`,

  `CREATE TABLE assessment (
     id INTEGER PRIMARY KEY,
     year INTEGER NOT NULL,
     scheme TEXT NOT NULL,
     town TEXT NOT NULL,
     total_max REAL NOT NULL DEFAULT 200,
     rank INTEGER,
     tier TEXT,
     amount_fen INTEGER,
     UNIQUE (year, scheme, town)
   ) STRICT`,
  `CREATE TABLE assessment_item (
     id INTEGER PRIMARY KEY,
     assessment_id INTEGER NOT NULL REFERENCES assessment(id) ON DELETE CASCADE,
     name TEXT NOT NULL,
     max_points REAL NOT NULL CHECK (max_points >= 0),
     criteria TEXT,
     score REAL CHECK (score IS NULL OR score >= 0),
     evidence TEXT,
     deduction_reason TEXT,
     sort INTEGER NOT NULL DEFAULT 0
   ) STRICT`,

  `CREATE TABLE submission (
     id INTEGER PRIMARY KEY,
     template TEXT NOT NULL,
     period TEXT,
     deadline TEXT,
     file TEXT,
     sha256 TEXT,
     submitted_on TEXT,
     channel TEXT CHECK (channel IS NULL OR channel IN ('邮箱','纸质盖章','平台')),
     receiver TEXT
   ) STRICT`,

  `CREATE TABLE briefing_issue (
     id INTEGER PRIMARY KEY,
     year INTEGER NOT NULL,
     no INTEGER NOT NULL,
     supplement INTEGER NOT NULL DEFAULT 0 CHECK (supplement IN (0,1)),
     period TEXT NOT NULL,
     issued_on TEXT,
     highlights TEXT,
     problems TEXT,
     next_steps TEXT,
     send_to TEXT,
     copy_to TEXT,
     copies INTEGER,
     UNIQUE (year, supplement, no)
   ) STRICT`,

  `CREATE TABLE excel_mapping (
     id INTEGER PRIMARY KEY,
     name TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL CHECK (kind IN ('import','template')),
     fingerprint TEXT,
     mapping TEXT NOT NULL,
     updated_at TEXT NOT NULL
   ) STRICT`,

  `CREATE TABLE change_log (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     operator TEXT NOT NULL,
     action TEXT NOT NULL,
     entity TEXT NOT NULL,
     entity_id INTEGER,
     project_id INTEGER,
     field TEXT,
     old_value TEXT,
     new_value TEXT,
     reason TEXT,
     prev_hash TEXT NOT NULL,
     hash TEXT NOT NULL
   ) STRICT`,
  `CREATE INDEX change_log_project_idx ON change_log(project_id, id)`,
  `CREATE INDEX change_log_at_idx ON change_log(at)`,
];

export function up(db: SqliteDb): void {
  for (const s of statements) db.exec(s);
}
