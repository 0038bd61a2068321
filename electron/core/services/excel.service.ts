/** Excel in and out: county submission exports, the county's own template, and ledger import. */
import {
  columnUnitText,
  isMoneyTemplateField,
  normalizeHeader,
  type TemplateField,
} from '../../../shared/domain/excel-synonyms.ts';
import type {
  ExportTemplate,
  FileOut,
  TemplateFilled,
  TemplateFillInput,
  TemplateInspect,
} from '../../../shared/schemas/excel.ts';
import { formatPeriodCn } from '../../../shared/domain/display.ts';
import { yesNoText } from '../../../shared/domain/cell-reads.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { checkpoint, progress } from '../progress.ts';
import { T2_FUND_COLUMNS, t2FundColumn, t3OtherFen } from '../../../shared/domain/funds.ts';
import { unfundedFen } from '../../../shared/domain/figure-rules.ts';
import { exportContext, exportTemplate, planOf, plannedFen } from '../excel/export/templates.ts';
import {
  fillTemplate,
  inspectTemplate,
  loadTemplate,
  templateFieldLabel,
  templateFingerprint,
  type FillRow,
  type TemplateLayout,
} from '../excel/template/county-template.ts';
import { sniff } from '../excel/import/sniff.ts';
import type { ParseFailureKind } from '../excel/import/sheet-data.ts';
import * as repo from '../repositories/excel.repository.ts';
import { decodeBase64, saveMappingOf } from './excel-import.service.ts';
import { projectFundFigures } from './fund-figures.ts';
import { projectPeople } from './project-people.ts';

export { importApply, importPreview, listMappings, saveMapping } from './excel-import.service.ts';

export async function exportReport(
  ctx: Ctx,
  template: ExportTemplate,
  period: string,
  campaignId?: number | null,
): Promise<FileOut> {
  progress('汇总报表数据', 5);
  const { fileName, buffer } = await exportTemplate(ctx, template, period, campaignId);
  checkpoint();
  progress('生成文件', 100);
  return { fileName, base64: buffer.toString('base64') };
}

/**
 * Why a template cannot be used, in a template's words and naming the file: the import's messages (…后再导入) told
 * whoever filled in the county's template to import it, and did not say which file.
 */
function unusableTemplate(fileName: string, kind: ParseFailureKind | 'cfb' | 'text'): AppError {
  const resave = '，再用作模板。';
  const why =
    kind === 'ENCRYPTED'
      ? `设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码并另存为 .xlsx${resave}`
      : kind === 'DAMAGED'
        ? `已损坏或格式不正确，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx${resave}`
        : kind === 'EMPTY'
          ? '是空的（0 字节），请选择县里发来的 .xlsx 模板。'
          : kind === 'TOO_LARGE' || kind === 'TIMEOUT'
            ? `过大或结构异常，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx${resave}`
            : kind === 'cfb'
              ? `不是 .xlsx 工作簿（旧版 .xls、WPS .et，或设置了打开密码）。请在 Excel 或 WPS 中另存为 .xlsx（不设密码）${resave}`
              : `不是 .xlsx 工作簿。请在 Excel 或 WPS 中另存为 .xlsx${resave}`;
  return new AppError('UNREADABLE', `模板文件“${fileName}”${why}`);
}

async function openTemplate(base64: string, fileName: string): Promise<{ bytes: Uint8Array; layout: TemplateLayout }> {
  const bytes = decodeBase64(base64);
  const s = await sniff(bytes);
  if (s.kind !== 'zip') throw unusableTemplate(fileName, s.kind === 'fail' ? s.failure : s.kind);
  let wb;
  try {
    wb = await loadTemplate(bytes);
  } catch {
    throw unusableTemplate(fileName, 'DAMAGED');
  }
  try {
    return { bytes, layout: inspectTemplate(wb) };
  } catch (e) {
    throw new AppError('UNREADABLE', (e as Error).message);
  }
}

function savedTemplateFields(
  ctx: Ctx,
  layout: TemplateLayout,
  name: string | null | undefined,
): { fields: (TemplateField | null)[]; saved: string | null } {
  const row = name
    ? repo.findMapping(ctx.db, name)
    : repo.findMappingByFingerprint(ctx.db, 'template', templateFingerprint(layout.columns));
  if (name && !row) throw new AppError('NOT_FOUND', `没有名为“${name}”的模板映射`);
  if (!row) return { fields: layout.columns.map((c) => c.field), saved: null };
  const byPath = JSON.parse(row.mapping) as Record<string, string | null>;
  // keys are saved as normalizeHeader writes them (saveMappingOf): 总投资（万元） is kept as 总投资, and was not found again
  const norm = layout.columns.map((c) => normalizeHeader(c.header));
  return {
    fields: layout.columns.map((c, i) => {
      const key = Object.keys(byPath).find((k) => k === norm[i] || k === c.header);
      return key !== undefined ? ((byPath[key] as TemplateField | null) ?? null) : c.field;
    }),
    saved: row.name,
  };
}

export async function templateInspect(ctx: Ctx, base64: string, fileName: string): Promise<TemplateInspect> {
  const { layout } = await openTemplate(base64, fileName);
  const { fields, saved } = savedTemplateFields(ctx, layout, null);
  return {
    sheet: layout.ws.name,
    headerRows: layout.headerRows,
    firstDataRow: layout.firstDataRow,
    columns: layout.columns.map((c, i) => ({
      letter: c.letter,
      header: c.header,
      field: fields[i] ?? null,
      fieldLabel: templateFieldLabel(fields[i] ?? null),
      unit: columnUnitText(c.unit),
    })),
    savedMapping: saved,
  };
}

export async function templateFill(ctx: Ctx, input: TemplateFillInput): Promise<TemplateFilled> {
  const { bytes, layout } = await openTemplate(input.templateBase64, input.fileName);
  const { fields: base } = savedTemplateFields(ctx, layout, input.mappingName);
  const fields = layout.columns.map((c, i) => {
    const o = input.columns?.[c.letter];
    return o !== undefined ? ((o as TemplateField | null) ?? null) : (base[i] ?? null);
  });
  // A money column in a foreign currency (万美元) cannot take the ledger's RMB figures: said before anything is
  // filled or saved (the mapping too: a refused fill writes nothing).
  layout.columns.forEach((c, i) => {
    const f = fields[i];
    if (f && isMoneyTemplateField(f) && typeof c.unit === 'object')
      throw new AppError(
        'VALIDATION',
        `模板 ${c.letter} 列“${c.header}”以${c.unit.foreign}计，台账以人民币记账，无法换算填报。请在列映射中把该列设为“不填”。`,
      );
  });
  if (input.saveMappingAs) {
    const name = input.saveMappingAs;
    // A column nothing was proposed for and nothing chosen for is no decision: it is not remembered as 不填, so a header
    // the vocabulary learns later is proposed for it (a 建设单位 saved as 不填 stayed blank once 实施主体 was known). A
    // proposal the clerk cleared is remembered as 不填.
    ctx.db.tx(() =>
      saveMappingOf(
        ctx,
        name,
        'template',
        layout.columns.map((c, i) => ({ header: c.header, field: fields[i] ?? (c.field === null ? undefined : null) })),
      ),
    );
  }
  const e = exportContext(ctx, input.period);
  // Each top-level project's 资金构成 with its sub-projects rolled up (fund-figures.ts), as T2/T3 show it.
  const funding = new Map<number, Record<string, number>>();
  const plannedOf = new Map<number, number>();
  for (const figures of projectFundFigures(ctx, e.figures.asOf)) {
    const x: Record<string, number> = {};
    plannedOf.set(figures.id, plannedFen(figures));
    for (const [source, fen] of planOf(figures)) {
      const col = `fund:${t2FundColumn(source)}`;
      x[col] = (x[col] ?? 0) + fen;
      if (`fund:${source}` !== col) x[`fund:${source}`] = (x[`fund:${source}`] ?? 0) + fen;
    }
    // 其他来源 as T3 writes it: every source but T3's own columns
    x['fund:其他'] = t3OtherFen(planOf(figures));
    funding.set(figures.id, x);
  }
  const extras = new Map(repo.projectExtras(ctx.db).map((x) => [x.id, x]));
  const peopleOf = projectPeople(ctx);
  const rows: FillRow[] = e.figures.projects
    .filter((p) => p.parentId === null)
    .map((p) => {
      const x = extras.get(p.id);
      const f = funding.get(p.id) ?? {};
      // 包联领导 and 责任人 by the names T1, T2 and the 一项目一档 give them
      const people = peopleOf(p);
      const extra: FillRow['extra'] = {
        leader: people.leader?.name ?? null,
        manager: people.manager?.name ?? null,
        planYear: x?.plan_year ?? null,
        ownerOrg: x?.owner_name ?? null,
        // the 实施主体's, as T3's 项目业主/法人代表 (projectExtras)
        ownerLegalRep: x?.owner_legal_rep ?? null,
        village: x?.village_name ?? null,
        contact: x?.contact ?? null,
        phone: x?.phone ?? null,
        contactPhone: [x?.contact, x?.phone].filter(Boolean).join(' ') || null,
        note: x?.note ?? null,
        approvalNo: x?.approval_no ?? null,
        approvalYm: x?.approval_ym ?? null,
        delivery: x?.delivery ?? null,
        govFunded: x ? yesNoText(x.gov_funded) : null,
        landMuHave: x?.land_mu_have ?? null,
        landMuNeed: x?.land_mu_need ?? null,
        ...Object.fromEntries(
          [
            ...T2_FUND_COLUMNS.map((c) => `fund:${c}`),
            'fund:中央资金',
            'fund:省级资金',
            'fund:市级资金',
            'fund:县级资金',
            'fund:银行贷款',
            'fund:企业自筹',
            'fund:其他',
          ].map((k) => [k, f[k] ?? 0]),
        ),
        // as T3's 未落实: from the 总投资 the row shows (a closed month's frozen one)
        unfundedWan: unfundedFen(p.totalFen, plannedOf.get(p.id) ?? 0),
      };
      return { figures: p, extra };
    });
  checkpoint();
  progress('生成文件', 80);
  let buffer: Buffer;
  try {
    buffer = await fillTemplate(bytes, layout, fields, rows);
  } catch {
    // the template's own parts could not be written back (exceljs's words are English): said as a damaged template
    throw unusableTemplate(input.fileName, 'DAMAGED');
  }
  const stem = input.fileName.replace(/\.[^.]+$/, '');
  return {
    fileName: `${stem}（${formatPeriodCn(input.period)}已填）.xlsx`,
    base64: buffer.toString('base64'),
    blankColumns: layout.columns.filter((_, i) => !fields[i]).map((c) => ({ letter: c.letter, header: c.header })),
  };
}
