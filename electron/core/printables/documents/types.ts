import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import type { FontRole } from '../fonts.ts';
import type { Markup } from '../html.ts';
import { documentPage, type PageSetup } from '../print-css.ts';

/** What a document function returns: the page and how it was laid out. */
export interface DocumentOut {
  html: string;
  title: string;
  setup: PageSetup;
  roles: FontRole[];
  /** Layout decisions worth telling the user (e.g. switched to A3). */
  notes: string[];
}

export const has = (s: PrintableSettings, section: string): boolean => s.sections.includes(section);

/** A one-page-setup document in the standard fonts (标题, 宋体, 黑体) as a document function returns it. */
export function documentOut(page: { title: string; setup: PageSetup; css: string; body: Markup }): DocumentOut {
  const { title, setup } = page;
  return { html: documentPage(page), title, setup, roles: ['title', 'song', 'hei'], notes: [] };
}
