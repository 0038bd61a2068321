/** Whether this machine has a Chromium the core's printer can use (the PDF tests are skipped without one). */
import { findChromium } from '../../electron/printing/chromium-printer.ts';

export const hasChromium: boolean = (() => {
  try {
    findChromium();
    return true;
  } catch {
    return false;
  }
})();
