/**
 * The way from a page to the 打印 page with its document chosen (#/print?doc=tasks&campaign=3): the 领导小组 and
 * 责任清单 pages print through the same preview, settings, 打印 and 另存为PDF as every other document.
 */
import { DOC_KINDS, type DocKind } from '../../../shared/schemas/printables.ts';

export function openPrint(doc: DocKind, opts: { campaignId?: number | null } = {}): void {
  const q = new URLSearchParams({ doc });
  if (opts.campaignId) q.set('campaign', String(opts.campaignId));
  window.location.hash = `#/print?${q.toString()}`;
}

/** What the 打印 page was opened for: a document and its list, or nothing (it opens at the 简报). */
export function printRequest(hash = window.location.hash): { doc?: DocKind; campaignId?: number } {
  const q = new URLSearchParams(hash.split('?')[1] ?? '');
  const doc = q.get('doc');
  const campaign = Number(q.get('campaign'));
  return {
    ...((DOC_KINDS as readonly string[]).includes(doc ?? '') ? { doc: doc as DocKind } : {}),
    ...(Number.isInteger(campaign) && campaign > 0 ? { campaignId: campaign } : {}),
  };
}
