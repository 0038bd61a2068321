// The static, ordered list of migrations (no file scanning: it must survive bundling). Append only;
// a test checks that every file in this folder is listed here.
import type { SqliteDb } from '../connection.ts';
import { up as m0001 } from './0001_initial.ts';
import { up as m0002 } from './0002_figures_indexes.ts';
import { up as m0003 } from './0003_project_search_key.ts';
import { up as m0004 } from './0004_row_seals.ts';
import { up as m0005 } from './0005_operator_sign_in.ts';
import { up as m0006 } from './0006_instructions.ts';
import { up as m0007 } from './0007_figure_store.ts';
import { up as m0008 } from './0008_collection_kit.ts';
import { up as m0009 } from './0009_county_packages.ts';
import { up as m0010 } from './0010_figure_store_lights.ts';
import { up as m0011 } from './0011_fund_flow_sums_index.ts';
import { up as m0012 } from './0012_fund_store.ts';
import { up as m0013 } from './0013_kit_prefilled.ts';
import { up as m0014 } from './0014_return_reasons.ts';
import { up as m0015 } from './0015_figure_store_mac.ts';
import { up as m0016 } from './0016_sign_in_log.ts';
import { up as m0017 } from './0017_funding_approx.ts';
import { up as m0018 } from './0018_org_legal_rep.ts';

export interface Migration {
  name: string;
  up: (db: SqliteDb) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  { name: '0001_initial', up: m0001 },
  { name: '0002_figures_indexes', up: m0002 },
  { name: '0003_project_search_key', up: m0003 },
  { name: '0004_row_seals', up: m0004 },
  { name: '0005_operator_sign_in', up: m0005 },
  { name: '0006_instructions', up: m0006 },
  { name: '0007_figure_store', up: m0007 },
  { name: '0008_collection_kit', up: m0008 },
  { name: '0009_county_packages', up: m0009 },
  { name: '0010_figure_store_lights', up: m0010 },
  { name: '0011_fund_flow_sums_index', up: m0011 },
  { name: '0012_fund_store', up: m0012 },
  { name: '0013_kit_prefilled', up: m0013 },
  { name: '0014_return_reasons', up: m0014 },
  { name: '0015_figure_store_mac', up: m0015 },
  { name: '0016_sign_in_log', up: m0016 },
  { name: '0017_funding_approx', up: m0017 },
  { name: '0018_org_legal_rep', up: m0018 },
];
