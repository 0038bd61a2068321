import type { PrintableSettings } from '../../../../shared/schemas/printables.ts';
import type { FontRole } from '../fonts.ts';
import type { PageSetup } from '../print-css.ts';

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
