// Issue 17, deliverable 3: one look for dates and money where people read them (shared/domain/display.ts), and no
// surface that formats dates its own way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clockWarningText,
  formatBeijingTime,
  formatDateCn,
  formatInstantCn,
  formatInstantDateCn,
  formatMonthCn,
  formatPeriodCn,
  formatValueCn,
  monthsSpan,
  formatWan,
  formatWanUnit,
  formatYearRange,
} from '../../shared/domain/display.ts';
import * as dates from '../../shared/domain/dates.ts';
import * as period from '../../shared/domain/period.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** The TypeScript sources under the given folders of the project. */
function sourceFiles(dirs: readonly string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name)) files.push(p);
    }
  };
  for (const d of dirs) walk(join(ROOT, d));
  return files;
}

describe('one look for dates and money', () => {
  it('dates, months and periods', () => {
    expect(formatDateCn('2017-09-30')).toBe('2017年9月30日');
    expect(formatDateCn('2017-09')).toBe('2017年9月');
    expect(formatDateCn(null)).toBe('');
    expect(formatMonthCn('2017-04-01')).toBe('2017年4月');
    expect(formatMonthCn('2017-10')).toBe('2017年10月');
    expect(formatPeriodCn('2017-09')).toBe('2017年9月');
    expect(formatPeriodCn('2017-09', true)).toBe('2017年1-9月');
    // January's year-to-date is one month: 1月, not the typo-looking 1-1月
    expect(formatPeriodCn('2017-01', true)).toBe('2017年1月');
    expect(monthsSpan('2017-12')).toBe('1-12月');
    expect(monthsSpan('2017-01')).toBe('1月');
    expect(() => formatPeriodCn('2017-13')).toThrow('期别“2017-13”格式应为 YYYY-MM');
    expect(formatValueCn('2017-03-01')).toBe('2017年3月1日');
    expect(formatValueCn('2017-03')).toBe('2017年3月');
    expect(formatValueCn('2017-22')).toBe('2017-22'); // a project code, not a month
    expect(formatValueCn('1500万元')).toBe('1500万元');
  });

  it('an instant is shown on the local calendar day, not the UTC day its ISO text starts with', () => {
    // 2017-10-07T23:30Z is 2017-10-08 07:30 in Beijing: slicing the ISO text named the day before.
    const iso = '2017-10-07T23:30:00.000Z';
    const local = new Date(iso);
    const expected = `${local.getFullYear()}年${local.getMonth() + 1}月${local.getDate()}日`;
    expect(formatInstantDateCn(iso)).toBe(expected);
    expect(formatInstantCn(iso).startsWith(expected)).toBe(true);
    expect(formatBeijingTime(iso)).toBe('2017年10月8日 07:30');
  });

  it('money in 万元 with two decimals', () => {
    expect(formatWan(21_390_000_000)).toBe('21390.00');
    expect(formatWanUnit(21_390_000_000)).toBe('21,390.00 万元');
    expect(formatWanUnit(5_000)).toBe('0.01 万元');
  });

  it('dates.ts and period.ts hand out the same formatters (one implementation)', () => {
    expect(dates.formatDateCn).toBe(formatDateCn);
    expect(dates.formatInstantCn).toBe(formatInstantCn);
    expect(period.formatPeriodCn).toBe(formatPeriodCn);
    expect(period.monthsSpan).toBe(monthsSpan);
  });

  it('no page, printout, message or CLI text formats dates its own way', () => {
    const files = sourceFiles([
      'renderer/src',
      'electron/core/printables',
      'electron/core/services',
      'electron/core/audit',
      'electron/cli',
    ]);
    const wrong: string[] = [];
    const patterns = [
      /toLocale(Date|Time)?String\(/, // the machine's locale decides: 2017/9/30 on one PC, 9/30/2017 on another
      /format(DateCn|InstantDateCn)\([^)]*\.slice\(0, ?10\)\)/, // the UTC day of an instant
      /`\$\{[^}]*\.slice\(0, ?4\)\}\.\$\{[^}]*\.slice\(5, ?7\)\}`/, // 2017.09
    ];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      for (const re of patterns) if (re.test(text)) wrong.push(`${f.slice(ROOT.length + 1)}: ${re}`);
    }
    expect(wrong).toEqual([]);
  });

  it('建设起止年限 reads the same on every surface: 2017 for one year, 2017-2018 for two, never 2017-2017 or 2017-', () => {
    expect(formatYearRange(2017, 2017)).toBe('2017');
    expect(formatYearRange(2017, null)).toBe('2017');
    expect(formatYearRange(2017, 2018)).toBe('2017-2018');
    expect(formatYearRange(null, 2018)).toBe('');
    // the 一项目一档 page and the 台账 column wrote 2017-2017 where the 进展情况表 and T1 print 2017
    const files = sourceFiles(['renderer/src', 'electron/core/printables', 'electron/core/excel']);
    const own = files
      .filter((f) => /`\$\{[^}`]*yearFrom\}-\$\{[^}`]*yearTo/.test(readFileSync(f, 'utf8')))
      .map((f) => f.slice(ROOT.length + 1));
    expect(own).toEqual([]);
  });

  it('a year-to-date figure is named by its months (1-9月) everywhere people read it, never 1-N月', () => {
    const files = sourceFiles([
      'renderer/src',
      'electron/core/printables',
      'electron/core/verify',
      'electron/cli',
      'shared',
    ]);
    const wrong: string[] = [];
    for (const f of files.filter((x) => !x.endsWith('shared/domain/display.ts'))) {
      // comments may name the figure generically; quoted texts are what a screen, printout or message shows
      const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      if (/['"`][^'"`\n]*1-N月/.test(text)) wrong.push(`${f.slice(ROOT.length + 1)}: 1-N月`);
      // the span composed by hand (1-1月 in January) instead of monthsSpan
      if (/1-\$\{[^}]*\}月/.test(text)) wrong.push(`${f.slice(ROOT.length + 1)}: \`1-\${…}月\``);
    }
    expect(wrong).toEqual([]);
  });

  it('every page shows 万元 with thousands grouped (1,750.00); plain text only where it is copied, edited or saved as CSV', () => {
    const plain: string[] = [];
    for (const p of sourceFiles(['renderer/src'])) {
      const text = readFileSync(p, 'utf8');
      // each call whole (arguments may wrap onto the next line), with one level of nested parentheses
      for (const m of text.matchAll(/format(?:Approx)?Wan\((?:[^()]|\([^()]*\))*\)/g))
        if (!m[0].includes('grouping: true'))
          plain.push(`${p.slice(ROOT.length + 1)}:${text.slice(0, m.index).split('\n').length}`);
    }
    // the texts a cell copies to Excel or starts its editor from, and the preview's CSV: plain, as Excel keeps them
    const readByMachineOrEditor = [
      // `wan` and a 资金构成 amount's text (460.00余): a list cell's edit text (shown through wanShown)
      'renderer/src/features/ledger/ProjectPage.tsx',
      'renderer/src/features/excel/ImportPage.tsx', // the preview saved as CSV
      'renderer/src/features/monthly-report/MonthlyReportPage.tsx', // cellText: what Ctrl+C copies
    ];
    const unexpected = plain.filter((at) => !readByMachineOrEditor.some((f) => at.startsWith(`${f}:`)));
    expect(unexpected).toEqual([]);
    expect(plain.length).toBe(7); // 2 + 1 + 4 known plain uses; a new one must be placed on purpose
  });
});

describe('clockWarningText', () => {
  it('names both times in Beijing time, the reading format, and the way to put the clock right', () => {
    expect(clockWarningText({ now: '2009-01-01T00:00:00.000Z', latestAt: '2026-12-05T08:30:00.000Z' })).toBe(
      '电脑的日期时间可能不对：本机现在是2009年1月1日 08:00，而台账里已有2026年12月5日 16:30的记录。' +
        '日期不对时，修改记录、登录记录的时间和序时进度、节点是否逾期都会算错。' +
        '请先校正本机的日期和时间（在屏幕右下角的时间上点右键，选“调整日期/时间”），再继续录入。',
    );
  });
});
