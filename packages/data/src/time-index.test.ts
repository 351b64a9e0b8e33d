// findTimeIndex from real profiles: which tables are indexed by time (and so forecast, not
// regressed), for each time format and layout the time-series designer reads.
import { describe, expect, it } from 'vitest';
import { profileDataset } from './profile.js';
import { dataset } from './test-helpers.js';
import { findTimeIndex } from './time-index.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthly(n: number, write: (year: number, month: number) => string, series = ['']): string {
  const lines: string[] = [];
  for (const s of series) {
    for (let t = 0; t < n; t++) lines.push(`${s ? `${s},` : ''}${write(2000 + Math.floor(t / 12), (t % 12) + 1)},${(100 + 10 * Math.sin(t) + t).toFixed(2)}`);
  }
  return lines.join('\n') + '\n';
}

async function indexOf(csv: string) {
  const profile = await profileDataset(await dataset({ 'table.csv': csv }));
  return findTimeIndex(profile.tables[0]);
}

describe('findTimeIndex', () => {
  it('a DATE column that is the key (one series)', async () => {
    const t = await indexOf('date,value\n' + monthly(48, (y, m) => `${y}-${String(m).padStart(2, '0')}-01`));
    expect(t).toMatchObject({ kind: 'column', columns: ['date'], format: 'date', unique: true });
  });

  it('yyyymmdd integers', async () => {
    const t = await indexOf('day,value\n' + monthly(48, (y, m) => `${y}${String(m).padStart(2, '0')}01`));
    expect(t).toMatchObject({ columns: ['day'], format: 'yyyymmdd' });
  });

  it('text dates with a series column (long format)', async () => {
    const t = await indexOf('symbol,date,price\n' + monthly(40, (y, m) => `${MONTHS[m - 1]} 1 ${y}`, ['AAPL', 'MSFT', 'IBM']));
    expect(t).toMatchObject({ columns: ['date'], format: 'month-day-year', unique: false });
    const dashed = await indexOf('symbol,date,price\n' + monthly(40, (y, m) => `${MONTHS[m - 1]}-1-${y}`, ['AAPL', 'MSFT']));
    expect(dashed).toMatchObject({ format: 'month-day-year' });
  });

  it('year + month and year + quarter columns', async () => {
    expect(await indexOf('year,month,sales\n' + monthly(48, (y, m) => `${y},${m}`))).toMatchObject({ kind: 'year-month', columns: ['year', 'month'] });
    expect(await indexOf('year,month,sales\n' + monthly(48, (y, m) => `${y},${MONTHS[m - 1]}`))).toMatchObject({ kind: 'year-month' });
    const quarters = ['year,quarter,gdp', ...Array.from({ length: 40 }, (_, t) => `${1990 + Math.floor(t / 4)},Q${(t % 4) + 1},${100 + t * 2 + (t % 4)}`)].join('\n') + '\n';
    expect(await indexOf(quarters)).toMatchObject({ kind: 'year-quarter', columns: ['year', 'quarter'] });
  });

  it('a bare year column, by its name', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${1980 + i},${(5 + i * 0.3).toFixed(1)},${(i * 7) % 11}`);
    expect(await indexOf(['year,rate,other', ...rows].join('\n') + '\n')).toMatchObject({ columns: ['year'], format: 'year', unique: true });
    expect(await indexOf(['code,rate,other', ...rows].join('\n') + '\n')).toBeUndefined();
  });

  it('is no time index: sales with a year column, whose only "series" would be a numeric measurement', async () => {
    // ames-like: 1,200 sales, a remodelling year of 40 values, a lot frontage of 60 integers (40 × 60 could hold
    // every row) and a neighbourhood of 3: no column names a series, so the table is cross-sectional
    const rows = Array.from({ length: 1200 }, (_, i) => `${1960 + ((i * 7) % 40)},${40 + ((i * 13) % 60)},${['North', 'South', 'East'][i % 3]},${100000 + ((i * 7919) % 90000)}`);
    expect(await indexOf(['Year_Remod_Add,Lot_Frontage,Neighborhood,Sale_Price', ...rows].join('\n') + '\n')).toBeUndefined();
  });

  it('is no time index: a cross-sectional table, an unsupported sampling interval, too few steps', async () => {
    const people = ['age,height,weight', ...Array.from({ length: 60 }, (_, i) => `${20 + (i % 40)},${150 + i},${50 + (i % 30)}`)].join('\n') + '\n';
    expect(await indexOf(people)).toBeUndefined();
    // Events every 167 minutes: a step that matches no frequency.
    const at = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 167 * 60_000).toISOString().replace('T', ' ').slice(0, 19);
    const events = ['at,magnitude', ...Array.from({ length: 60 }, (_, i) => `${at(i)},${(i % 7) / 2}`)].join('\n') + '\n';
    expect(await indexOf(events)).toBeUndefined();
    expect(await indexOf('date,value\n' + monthly(8, (y, m) => `${y}-${String(m).padStart(2, '0')}-01`))).toBeUndefined();
  });
});
