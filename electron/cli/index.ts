import { closePdfBrowser } from '../core/reports/pdf.ts';
import { runCli } from './main.ts';

process.exitCode = await runCli(process.argv.slice(2));
// A command that printed PDFs leaves the shared Chromium idling; end it so the process exits now.
await closePdfBrowser();
