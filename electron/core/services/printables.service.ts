/** Printable documents: saved print settings per document, briefing issues, rendering to HTML and PDF. */
import { supervisionStatus } from '../../../shared/domain/dispatch.ts';
import { parsePeriod } from '../../../shared/domain/period.ts';
import {
  DOC_SECTIONS,
  FITS_BY_FONT,
  ORIENTATION_CN,
  PrintableSettingsSchema,
  type BriefingIssue,
  type BriefingSave,
  type DocKind,
  type RenderInput,
  type RenderOutput,
  type PrintableOptions,
  type PrintableSettings,
} from '../../../shared/schemas/printables.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from '../repositories/printables.repository.ts';
import { getSetting, setSetting } from '../repositories/setting.repository.ts';
import { briefingData, toBriefingIssue } from '../printables/data.ts';
import { pdfPageCount, printPdf } from '../printables/pdf-printer.ts';
import { defaultSettings, renderDocument } from '../printables/render.ts';
import { cached } from './derived-cache.ts';
import { checkpoint, movingWhile, progress } from '../progress.ts';
import { currentPeriod } from './period.service.ts';
import { formatPeriodCn } from '../../../shared/domain/display.ts';

const settingKey = (doc: DocKind) => `report.settings.${doc}`;

export function getPrintableSettings(ctx: Ctx, doc: DocKind): PrintableSettings {
  const base = defaultSettings(doc);
  const raw = getSetting(ctx.db, settingKey(doc));
  if (!raw) return base;
  try {
    const parsed = PrintableSettingsSchema.partial().safeParse(JSON.parse(raw));
    return parsed.success ? cleanSections(doc, { ...base, ...parsed.data }) : base;
  } catch {
    return base;
  }
}

function cleanSections(doc: DocKind, s: PrintableSettings): PrintableSettings {
  const known = new Set(DOC_SECTIONS[doc].map((x) => x.key));
  return { ...s, sections: s.sections.filter((k) => known.has(k)) };
}

const safeJson = (raw: string): Partial<PrintableSettings> => {
  try {
    const parsed = PrintableSettingsSchema.partial().safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
};

/** 纸张A4 横向，最小字号8磅；栏目：总体情况、图表 */
function settingsText(doc: DocKind, s: PrintableSettings): string {
  const names = new Map(DOC_SECTIONS[doc].map((x) => [x.key, x.label]));
  const sections =
    s.sections
      .map((k) => names.get(k))
      .filter(Boolean)
      .join('、') || '无';
  const font = FITS_BY_FONT.includes(doc) ? `，最小字号${s.minFontPt}磅` : '';
  return `纸张${s.paper} ${ORIENTATION_CN[s.orientation]}${font}；栏目：${sections}`;
}

export function savePrintableSettings(ctx: Ctx, doc: DocKind, settings: PrintableSettings): PrintableSettings {
  const clean = cleanSections(doc, settings);
  return ctx.db.tx(() => {
    const key = settingKey(doc);
    const old = getSetting(ctx.db, key);
    const value = JSON.stringify(clean);
    setSetting(ctx.db, key, value);
    // The 修改记录 shows the settings as a person reads them, not the stored JSON.
    const shownOld = old ? settingsText(doc, { ...defaultSettings(doc), ...safeJson(old) }) : null;
    appendChanges(ctx.db, ctx.session.operator, nowIso(ctx), [
      {
        action: old ? '修改' : '新增',
        entity: 'setting',
        field: key,
        oldValue: shownOld,
        newValue: settingsText(doc, clean),
      },
    ]);
    return clean;
  });
}

const settingsOf = (ctx: Ctx, input: RenderInput) =>
  cleanSections(input.doc, { ...getPrintableSettings(ctx, input.doc), ...(input.settings ?? {}) });

export function renderPrintable(ctx: Ctx, input: RenderInput): RenderOutput {
  const settings = settingsOf(ctx, input);
  // The 简报 — the document the 打印 page opens with — is one sheet whatever the ledger's size: its HTML is kept
  // until the next write (derived-cache.ts), so reopening the page shows the preview without drawing its charts
  // again (~80 ms on the server side). The tables of every project (进展情况表, 项目卡) can run to megabytes and
  // are built afresh each time rather than held in the core's memory.
  if (input.doc !== 'briefing') return renderDocument(ctx, input, settings);
  return cached(ctx, `report|${JSON.stringify(input)}|${JSON.stringify(settings)}`, () =>
    renderDocument(ctx, input, settings),
  );
}

export async function renderPrintablePdf(
  ctx: Ctx,
  input: RenderInput,
): Promise<{ fileName: string; base64: string; bytes: number }> {
  progress('排版', 0);
  const out = renderPrintable(ctx, input);
  checkpoint();
  let pdf = await movingWhile('生成 PDF', 10, 90, typicalPrintMs(out.html), printPdf(ctx, out.html));
  // The 简报 is one sheet (domain.md §3.2). What it holds is the month's (a red project's 60-character name in the
  // drafted 存在问题, the clerk's own paragraphs): when it runs over, its body is printed again a little smaller,
  // down to 9pt (its minimum) — the 版记 stays whole at the foot of the one page.
  if (input.doc === 'briefing')
    for (const [i, fit] of BRIEFING_FIT.entries()) {
      if (pdfPageCount(pdf) <= 1) break;
      const html = renderDocument(ctx, input, settingsOf(ctx, input), fit).html;
      pdf = await movingWhile(
        '超出一页，缩小字号重排',
        90 + i * 3,
        92 + i * 3,
        typicalPrintMs(html),
        printPdf(ctx, html),
      );
    }
  // A 取消 that arrived as Chromium handed the PDF back is still honoured: no file is offered.
  checkpoint();
  progress('完成', 100);
  return { fileName: `${safeFileName(out.title)}.pdf`, base64: pdf.toString('base64'), bytes: pdf.length };
}

/** How long a print of `html` usually takes here (Chromium's start, then about a second a megabyte): paces the bar. */
const typicalPrintMs = (html: string) => 1500 + html.length / 1000;

/** The 简报 body's steps down from 10.5pt: 10, 9.5, 9 (its minimum). */
const BRIEFING_FIT = [20 / 21, 19 / 21, 18 / 21];

export const safeFileName = (s: string): string => s.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 120);

export function listBriefings(ctx: Ctx, year?: number): BriefingIssue[] {
  return repo.listBriefings(ctx.db, year).map(toBriefingIssue);
}

const BRIEFING_FIELDS = [
  'period',
  'issued_on',
  'highlights',
  'problems',
  'next_steps',
  'send_to',
  'copy_to',
  'copies',
  'no',
  'supplement',
] as const;

export function saveBriefing(ctx: Ctx, data: BriefingSave): BriefingIssue {
  if (parsePeriod(data.period).year !== data.year) {
    throw new AppError('VALIDATION', `期别${formatPeriodCn(data.period)}不在${data.year}年内：简报按年度编号`, [
      { path: 'period', message: '期别应在简报年份内' },
    ]);
  }
  return ctx.db.tx(() => {
    const old = data.id !== undefined ? repo.findBriefing(ctx.db, data.id) : undefined;
    if (data.id !== undefined && !old) throw notFound('简报', data.id);
    const no =
      data.no ??
      (old && old.year === data.year && (old.supplement === 1) === data.supplement
        ? old.no
        : repo.maxBriefingNo(ctx.db, data.year, data.supplement) + 1);
    const clash = repo
      .listBriefings(ctx.db, data.year)
      .find((b) => b.no === no && (b.supplement === 1) === data.supplement && b.id !== data.id);
    if (clash) {
      throw new AppError(
        'CONFLICT',
        `${data.year}年${data.supplement ? '增刊' : ''}第${no}期简报已存在，请换一个期号`,
        [{ path: 'no', message: '期号与已有简报重复' }],
      );
    }
    const row: repo.BriefingColumns = {
      year: data.year,
      no,
      supplement: data.supplement ? 1 : 0,
      period: data.period,
      issued_on: data.issuedOn,
      highlights: data.highlights,
      problems: data.problems,
      next_steps: data.nextSteps,
      send_to: data.sendTo,
      copy_to: data.copyTo,
      copies: data.copies,
    };
    const at = nowIso(ctx);
    let id: number;
    if (old) {
      id = old.id;
      repo.updateBriefing(ctx.db, id, row);
      appendChanges(
        ctx.db,
        ctx.session.operator,
        at,
        BRIEFING_FIELDS.filter((k) => String(old[k] ?? '') !== String(row[k] ?? '')).map((k) => ({
          action: '修改' as const,
          entity: 'briefing_issue',
          entityId: id,
          field: k,
          oldValue: old[k] === null ? null : String(old[k]),
          newValue: row[k] === null ? null : String(row[k]),
        })),
      );
    } else {
      id = repo.insertBriefing(ctx.db, row);
      appendChanges(ctx.db, ctx.session.operator, at, [
        {
          action: '新增',
          entity: 'briefing_issue',
          entityId: id,
          newValue: `${row.year}年${data.supplement ? '增刊' : ''}第${no}期`,
        },
      ]);
    }
    return toBriefingIssue(repo.findBriefing(ctx.db, id)!);
  });
}

export function printableOptions(ctx: Ctx, requested?: string): PrintableOptions {
  const period = requested ?? currentPeriod(ctx).period;
  const year = parsePeriod(period).year;
  return {
    period,
    supervisions: repo.supervisions(ctx.db).map((s) => ({
      id: s.id,
      no: s.no,
      projectName: s.project_name,
      color: s.color,
      issued: s.issued,
      closed: s.closed === 1,
      status: supervisionStatus({ closed: s.closed === 1, reply: s.reply, escalatedToNo: s.next_no }),
    })),
    briefings: listBriefings(ctx, year),
    briefing: briefingData(ctx, period).issue,
  };
}
