/** The `report` command (its name is the CLI contract, kept): writes a printable (简报、进展情况表 …) to HTML or PDF. */
import { extname, resolve } from 'node:path';
import type { FigureSet } from '../../../shared/schemas/figures.ts';
import { DOC_KINDS, UNDATED_DOCS, type DocKind, type RenderOutput } from '../../../shared/schemas/printables.ts';
import { printPdf } from '../../core/printables/pdf-printer.ts';
import { flagString } from '../args.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { refuseOnEmptyCountyLedger } from './county-guard.ts';
import { requirePeriod } from './lights.ts';
import { writeOutput } from '../output-file.ts';

function optionalId(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--${flag} 应为正整数编号`);
  return n;
}

export const printablesCommand: CliCommand = {
  name: 'report',
  maxWords: 1,
  summary:
    '输出打印文档（简报、进展表、一项目一档、预警清单、督办单、挂图作战图、领导小组成员名单、责任清单）为 HTML 或 PDF',
  usage: `report <${DOC_KINDS.join('|')}> [--period YYYY-MM] --out FILE.html|FILE.pdf --db FILE [--project ID] [--supervision ID] [--briefing ID] [--campaign ID（责任清单编号）]`,
  async run({ core, args, io, json, call }) {
    const doc = args.positionals[1];
    if (!doc || !(DOC_KINDS as readonly string[]).includes(doc))
      throw new UsageError(`请指定文档类型：${DOC_KINDS.join('、')}`);
    // A 名单 or a 责任清单 is not a month's: without --period it goes by the ledger's current month (as the page).
    const asked = flagString(args, 'period');
    const period =
      asked === undefined && UNDATED_DOCS.includes(doc as DocKind)
        ? (await call<{ period: string }>('periods:current', {})).period
        : requirePeriod(asked);
    const out = flagString(args, 'out');
    if (!out) throw new UsageError('请用 --out 指定输出文件（.html 或 .pdf）');
    const ext = extname(out).toLowerCase();
    if (ext !== '.html' && ext !== '.htm' && ext !== '.pdf') throw new UsageError('输出文件须以 .html 或 .pdf 结尾');
    // a month's documents carry the projects' figures; a 名单 or 责任清单 a county may keep of its own
    if (!UNDATED_DOCS.includes(doc as DocKind)) await refuseOnEmptyCountyLedger(call, '本镇的月度打印文档');
    const r = await call<RenderOutput>('reports:render', {
      doc: doc as DocKind,
      period,
      projectId: optionalId(flagString(args, 'project'), 'project'),
      supervisionId: optionalId(flagString(args, 'supervision'), 'supervision'),
      briefingId: optionalId(flagString(args, 'briefing'), 'briefing'),
      campaignId: optionalId(flagString(args, 'campaign'), 'campaign'),
    });
    const file = resolve(out);
    let bytes: number;
    if (ext === '.pdf') {
      // Through the printer the CLI gave the core, like every PDF the core prints itself.
      const pdf = await printPdf(core.ctx, r.html);
      writeOutput(file, pdf);
      bytes = pdf.length;
    } else {
      writeOutput(file, r.html);
      bytes = Buffer.byteLength(r.html);
    }
    if (json) {
      // The period's figures the document is made of, from the same definitions (figure-set.service.ts).
      const figures = await call<FigureSet>('figures:set', { period });
      io.out(
        JSON.stringify({
          ok: true,
          file,
          title: r.title,
          paper: r.paper,
          orientation: r.orientation,
          bytes,
          fontsNote: r.fontsNote,
          figures,
        }),
      );
    } else
      io.out(
        `已写出 ${r.title}：${file}（${r.paper}${r.orientation === 'landscape' ? '横向' : '纵向'}，${bytes} 字节）\n${r.fontsNote}`,
      );
    return 0;
  },
};
