/** Document kind → data builder → pure document function → HTML (one layout for preview, print and PDF). */
import {
  DOC_SECTIONS,
  DOC_TITLES,
  type DocKind,
  type RenderInput,
  type RenderOutput,
  type PrintableSettings,
} from '../../../shared/schemas/printables.ts';
import type { Ctx } from '../context.ts';
import {
  briefingData,
  cardsData,
  laggingData,
  leadingGroupData,
  progressData,
  supervisionData,
  tasksData,
  wallchartData,
} from './data.ts';
import { has } from './documents/types.ts';
import { briefingDocument } from './documents/briefing.ts';
import { cardDocument } from './documents/card.ts';
import { laggingDocument } from './documents/lagging.ts';
import { leadingGroupDocument } from './documents/leading-group.ts';
import { progressDocument } from './documents/progress.ts';
import { supervisionDocument } from './documents/supervision.ts';
import { tasksDocument } from './documents/tasks.ts';
import type { DocumentOut } from './documents/types.ts';
import { wallchartDocument } from './documents/wallchart.ts';
import { fontsNote } from './fonts.ts';

export const DEFAULT_SETTINGS: Record<DocKind, Omit<PrintableSettings, 'sections'>> = {
  briefing: { paper: 'A4', orientation: 'portrait', minFontPt: 9 },
  progress: { paper: 'A3', orientation: 'landscape', minFontPt: 6.5 },
  card: { paper: 'A4', orientation: 'portrait', minFontPt: 8 },
  lagging: { paper: 'A4', orientation: 'landscape', minFontPt: 8 },
  supervision: { paper: 'A4', orientation: 'portrait', minFontPt: 10 },
  wallchart: { paper: 'A3', orientation: 'landscape', minFontPt: 7 },
  // a 名单 is a page of the 版心, portrait; the 责任清单's eight columns with 工作内容 need the width of landscape
  leadingGroup: { paper: 'A4', orientation: 'portrait', minFontPt: 12 },
  tasks: { paper: 'A4', orientation: 'landscape', minFontPt: 10 },
};

export function defaultSettings(doc: DocKind): PrintableSettings {
  return { ...DEFAULT_SETTINGS[doc], sections: DOC_SECTIONS[doc].map((s) => s.key) };
}

/** `fit` (< 1) shrinks the 简报's body to keep it on one sheet (printables.service's renderPrintablePdf). */
export function renderDocument(ctx: Ctx, input: RenderInput, settings: PrintableSettings, fit = 1): RenderOutput {
  const { doc, period } = input;
  let out: DocumentOut;
  switch (doc) {
    case 'briefing':
      out = briefingDocument(briefingData(ctx, period, input.briefingId), settings, fit);
      break;
    case 'progress':
      out = progressDocument(progressData(ctx, period), settings);
      break;
    case 'card':
      out = cardDocument(cardsData(ctx, period, input.projectId, has(settings, 'subProjectCards')), settings);
      break;
    case 'lagging':
      out = laggingDocument(laggingData(ctx, period), settings);
      break;
    case 'supervision':
      out = supervisionDocument(supervisionData(ctx, period, input.supervisionId), settings);
      break;
    case 'wallchart':
      out = wallchartDocument(wallchartData(ctx, period), settings);
      break;
    case 'leadingGroup':
      out = leadingGroupDocument(leadingGroupData(ctx), settings);
      break;
    case 'tasks':
      out = tasksDocument(tasksData(ctx, input.campaignId), settings);
      break;
  }
  return {
    html: out.html,
    title: out.title || DOC_TITLES[doc],
    paper: out.setup.paper,
    orientation: out.setup.orientation,
    fontsNote: [fontsNote(out.roles), ...out.notes].join(''),
  };
}
