import { describe, expect, it } from 'vitest';
import {
  excelSerialToDate,
  formatDateCn,
  isValidIsoDate,
  isValidPeriod,
  parseDateText,
} from '../../shared/domain/dates.ts';
import { addMonths, formatPeriodCn, monthsInclusive, periodEnd } from '../../shared/domain/period.ts';

describe('dates', () => {
  it('rejects 2017-09-31 (渭城 defect) instead of rolling over to October', () => {
    expect(isValidIsoDate('2017-09-31')).toBe(false);
    const r = parseDateText('2017年9月31日', '完工日期');
    expect(r).toEqual({ ok: false, message: '完工日期“2017年9月31日”不是有效日期（2017年9月没有31日）' });
  });

  it('knows leap years', () => {
    expect(isValidIsoDate('2016-02-29')).toBe(true);
    expect(isValidIsoDate('2017-02-29')).toBe(false);
    expect(isValidIsoDate('2000-02-29')).toBe(true);
    expect(isValidIsoDate('1900-02-29')).toBe(false);
  });

  it.each([
    ['2017-09-30', '2017-09-30'],
    ['2017/9/30', '2017-09-30'],
    ['2017.9.30', '2017-09-30'],
    ['2017年9月30日', '2017-09-30'],
    ['20170930', '2017-09-30'],
    ['２０１７年９月３０日', '2017-09-30'],
  ])('reads %s', (text, iso) => {
    expect(parseDateText(text)).toEqual({ ok: true, date: iso, monthOnly: false });
  });

  it('reads month-only texts as the first day, flagged', () => {
    expect(parseDateText('2017-09')).toEqual({ ok: true, date: '2017-09-01', monthOnly: true });
    expect(parseDateText('2017年9月')).toEqual({ ok: true, date: '2017-09-01', monthOnly: true });
  });

  it('reads 2020.3 (a number or its text) as March 2020, never as the serial day 2020 (1905); a year alone is refused', () => {
    expect(parseDateText(2020.3)).toEqual({ ok: true, date: '2020-03-01', monthOnly: true });
    expect(parseDateText(2020.12)).toEqual({ ok: true, date: '2020-12-01', monthOnly: true });
    expect(parseDateText('2020.3')).toEqual({ ok: true, date: '2020-03-01', monthOnly: true });
    expect(parseDateText('2020.10')).toEqual({ ok: true, date: '2020-10-01', monthOnly: true });
    expect(parseDateText(2020, '计划开工')).toEqual({
      ok: false,
      message: '计划开工“2020”只有年份，请写明月份，如 2020年3月 或 2020-03-01',
    });
    expect(parseDateText('2020年').ok).toBe(false);
    expect(parseDateText(43000)).toEqual({ ok: true, date: '2017-09-22', monthOnly: false }); // a real serial stays one
  });

  it('converts Excel serials in both date systems', () => {
    expect(excelSerialToDate(43008)).toMatchObject({ ok: true, date: '2017-09-30' });
    expect(excelSerialToDate(61)).toMatchObject({ ok: true, date: '1900-03-01' });
    expect(excelSerialToDate(59)).toMatchObject({ ok: true, date: '1900-02-28' });
    expect(excelSerialToDate(60).ok).toBe(false);
    expect(excelSerialToDate(41546, '日期', true)).toMatchObject({ ok: true, date: '2017-09-30' });
  });

  it('formats for people to read', () => {
    expect(formatDateCn('2017-09-30')).toBe('2017年9月30日');
    expect(formatDateCn('2017-09')).toBe('2017年9月');
  });
});

describe('periods', () => {
  it('does month arithmetic', () => {
    expect(isValidPeriod('2017-13')).toBe(false);
    expect(addMonths('2017-11', 3)).toBe('2018-02');
    expect(addMonths('2017-01', -1)).toBe('2016-12');
    expect(monthsInclusive('2017-03', '2017-09')).toBe(7);
    expect(monthsInclusive('2017-07', '2018-06')).toBe(12);
    expect(periodEnd('2017-09')).toBe('2017-09-30');
    expect(periodEnd('2016-02')).toBe('2016-02-29');
    expect(formatPeriodCn('2017-09', true)).toBe('2017年1-9月');
  });
});

describe('instants', () => {
  it('shows a stored UTC instant in local time as people read it', async () => {
    const { formatInstantCn } = await import('../../shared/domain/dates.ts');
    const iso = new Date(2017, 8, 30, 14, 5).toISOString();
    expect(formatInstantCn(iso)).toBe('2017年9月30日 14:05');
    expect(formatInstantCn(null)).toBe('');
  });
});
