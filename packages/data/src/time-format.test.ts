import { describe, expect, it } from 'vitest';
import { columnTimeSql, detectDateFormat, monthNumber, parseDateParts } from './time-format.js';
import { frequencyOfStep, seasonalPeriodOf, stepsBetween } from './time-frequency.js';
import { withDuckDb } from './session.js';

describe('detectDateFormat', () => {
  it.each([
    ['date', ['2000-01-31', '1958-03-01', '2024-02-29']],
    ['datetime', ['2000-01-31 12:00:00', '2000-01-31T13:30', '2000-02-01 00:00:00.5']],
    ['yyyymmdd', [20000131, 19580301, '20240229']],
    ['month-day-year', ['Jan-1-1995', 'Feb-28-1995', 'Dec-31-1999']],
    ['month-day-year', ['Jan 1 2000', 'Mar 1 2000', 'September 1, 2009']],
    ['day-month-year', ['1-Jan-1995', '01 Feb 2000', '31 Dec 1999']],
    ['year-month', ['2000-01', '1999-12']],
    ['year-quarter', ['2000-Q1', '2000Q4', '1999 q2']],
  ])('recognises %s', (format, values) => {
    expect(detectDateFormat(values)).toBe(format);
  });

  it('takes a bare year only when asked (a column named year)', () => {
    expect(detectDateFormat([1995, 1996, 2001])).toBeUndefined();
    expect(detectDateFormat([1995, 1996, 2001], { allowYear: true })).toBe('year');
  });

  it('needs every value to parse: impossible dates, stray text and plain numbers are not dates', () => {
    expect(detectDateFormat(['2000-02-30', '2000-01-01'])).toBeUndefined();
    expect(detectDateFormat(['Jan 1 2000', 'n/a'])).toBeUndefined();
    expect(detectDateFormat([20001350])).toBeUndefined();
    expect(detectDateFormat([12, 13.5])).toBeUndefined();
    expect(detectDateFormat([null, ''])).toBeUndefined();
  });

  it('reads the parts of each format', () => {
    expect(parseDateParts('Jan-1-1995', 'month-day-year')).toEqual([1995, 1, 1]);
    expect(parseDateParts('Jan 1 2000', 'month-day-year')).toEqual([2000, 1, 1]);
    expect(parseDateParts('20240229', 'yyyymmdd')).toEqual([2024, 2, 29]);
    expect(parseDateParts('2001Q3', 'year-quarter')).toEqual([2001, 7, 1]);
    expect(monthNumber('September')).toBe(9);
    expect(monthNumber('Sept.')).toBe(9);
    expect(monthNumber('x1')).toBeUndefined();
  });

  it('DuckDB reads every format to the same date the JS parser sees', async () => {
    const cases: Array<[string, Parameters<typeof columnTimeSql>[1], string]> = [
      ['Jan-1-1995', 'month-day-year', '1995-01-01'],
      ['Jan 1 2000', 'month-day-year', '2000-01-01'],
      ['September 1, 2009', 'month-day-year', '2009-09-01'],
      ['01 Feb 2000', 'day-month-year', '2000-02-01'],
      ['20240229', 'yyyymmdd', '2024-02-29'],
      ['2000-07', 'year-month', '2000-07-01'],
      ['2001Q3', 'year-quarter', '2001-07-01'],
      ['1995', 'year', '1995-01-01'],
      ['2000-01-31', 'date', '2000-01-31'],
    ];
    await withDuckDb(async (db) => {
      for (const [value, format, expected] of cases) {
        const rows = await db.all<{ d: string }>(`SELECT strftime(${columnTimeSql('v', format)}, '%Y-%m-%d') AS d FROM (SELECT '${value}' AS v)`);
        expect(rows[0].d, `${value} as ${format}`).toBe(expected);
        const parts = parseDateParts(value, format)!;
        expect(parts.map((p, i) => String(p).padStart(i === 0 ? 4 : 2, '0')).join('-')).toBe(expected);
      }
    });
  });
});

describe('frequency', () => {
  it('names the frequency of the median step, gaps or weekends aside', () => {
    const day = 86_400;
    expect(frequencyOfStep(3600)).toBe('H');
    expect(frequencyOfStep(day)).toBe('D');
    expect(frequencyOfStep(7 * day)).toBe('W');
    expect(frequencyOfStep(28 * day)).toBe('M');
    expect(frequencyOfStep(31 * day)).toBe('M');
    expect(frequencyOfStep(91 * day)).toBe('Q');
    expect(frequencyOfStep(366 * day)).toBe('Y');
    expect(frequencyOfStep(3 * day)).toBeUndefined();
    expect(frequencyOfStep(0)).toBeUndefined();
  });

  it('counts calendar steps between two timestamps', () => {
    const d = (s: string) => new Date(`${s}Z`);
    expect(stepsBetween('M', d('1958-03-01T00:00:00'), d('1959-02-01T00:00:00'))).toBe(11);
    expect(stepsBetween('Q', d('2000-01-01T00:00:00'), d('2001-10-01T00:00:00'))).toBe(7);
    expect(stepsBetween('D', d('2000-02-27T00:00:00'), d('2000-03-01T00:00:00'))).toBe(3);
    expect(stepsBetween('H', d('2000-01-01T22:00:00'), d('2000-01-02T01:00:00'))).toBe(3);
    expect(seasonalPeriodOf('M')).toBe(12);
    expect(seasonalPeriodOf('Y')).toBe(1);
  });
});
