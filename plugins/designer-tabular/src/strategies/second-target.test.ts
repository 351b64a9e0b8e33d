// The deterministic brainstormer's second real target (issue 12): a table with one real target
// proposes a plausible outcome of the other kind, or the same outcome measured again under another
// number, before derived labels of the first. Generated tables, profiled by the real profiler.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@mle-smith/core';
import { profileDataset } from '@mle-smith/data';
import { createTabularDesigner } from '../index.js';
import { designContext, tempDir, writeDataset } from '../__fixtures__/helpers.js';

const csv = (header: string[], rows: Array<Array<string | number>>): string => [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';

async function proposedTargets(dir: string): Promise<string[]> {
  const designer = createTabularDesigner({});
  const proposals = await designer.brainstorm(await profileDataset(dir), designContext());
  return proposals.map((p) => p.target.name);
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

describe('second real target', () => {
  it('a class target with body measurements: the class, then the measurement the class does not explain best', async () => {
    const r = mulberry32(21);
    const rows: Array<Array<string | number>> = [];
    for (const [kind, shift] of [['alpha', 0], ['beta', 1], ['gamma', 2]] as const) {
      for (let k = 0; k < 70; k++) {
        const size = gauss(r);
        // fin length and beak depth mostly tell the kind; the mass follows the fin length
        const fin = 180 + 15 * shift + 4 * size + 2 * gauss(r);
        const beak = 15 + 2.5 * shift + 0.4 * gauss(r);
        rows.push([kind, fin.toFixed(1), beak.toFixed(1), Math.round(3000 + 45 * (fin - 180) + 150 * gauss(r))]);
      }
    }
    const targets = await proposedTargets(await writeDataset('birds', 'birds.csv', csv(['species', 'fin_length', 'beak_depth', 'mass_g'], rows)));
    expect(targets[0]).toBe('species');
    expect(targets[1]).toBe('mass_g');
  });

  it('a documented quantity and a yes/no column the documentation calls accepted: both are tasks', async () => {
    const r = mulberry32(22);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 300; i++) {
      const income = 2 + 4 * r();
      const reports = Math.floor(r() * r() * 6);
      const card = reports > 1 || r() < 0.15 ? 'no' : 'yes';
      rows.push([card, reports, (20 + 40 * r()).toFixed(0), income.toFixed(2), card === 'yes' ? (income * 40 + 60 * r()).toFixed(1) : '0', r() < 0.4 ? 'yes' : 'no']);
    }
    const dir = join(await tempDir(), 'cards');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'cards.csv'), csv(['card', 'reports', 'age', 'income', 'spending', 'owner'], rows));
    await writeFile(join(dir, 'README.txt'), 'Card applications\n\nFormat:\n\n  card: Was the application for a credit card accepted?\n  reports: number of derogatory reports\n  age: age in years\n  income: yearly income\n  spending: average monthly spending\n  owner: does the applicant own their home?\n\nExamples:\n\n  lm(spending ~ age + income + owner)\n');
    const targets = await proposedTargets(dir);
    expect(targets.slice(0, 2).sort()).toEqual(['card', 'spending']);
  });

  it('the same outcome measured again under another number (post.test.1, post.test.2 beside post.test.3) is a regression task of its own', async () => {
    const r = mulberry32(23);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 90; i++) {
      const group = ['A', 'B', 'C'][i % 3];
      const pre = 4 + Math.floor(r() * 12);
      rows.push([group, pre, pre + Math.floor(r() * 5), pre + Math.floor(r() * 6), (30 + 2 * pre + 8 * r() + (group === 'B' ? 5 : 0)).toFixed(0)]);
    }
    const dir = await writeDataset('reading', 'reading.csv', csv(['group', 'pretest.1', 'post.test.1', 'post.test.2', 'post.test.3'], rows));
    const designer = createTabularDesigner({});
    const proposals = await designer.brainstorm(await profileDataset(dir), designContext());
    // post.test.1 leads: it is the post-measurement of pretest.1 (a pre/post design's outcome).
    expect(proposals.map((p) => p.target.name)).toEqual(['post.test.1', 'post.test.3', 'post.test.2']);
    for (const p of proposals) expect(p.objective).toBe('regression');
  });

  it('a quantity target beside descriptive categories: no category becomes a task, the derived label follows', async () => {
    const r = mulberry32(24);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 200; i++) {
      const type = ['small', 'compact', 'large'][i % 3];
      const hp = 80 + 60 * (i % 3) + 30 * r();
      rows.push([type, r() < 0.5 ? 'manual' : 'power', hp.toFixed(0), (8000 + 90 * hp + 2000 * r()).toFixed(0)]);
    }
    const targets = await proposedTargets(await writeDataset('cars', 'cars.csv', csv(['type', 'steering', 'hp', 'price'], rows)));
    expect(targets[0]).toBe('price');
    expect(targets).not.toContain('type');
    expect(targets).not.toContain('steering');
    expect(targets[1]).toBe('price_above_median');
  });
  it('a price beside a fuel economy the documentation measures in miles/gallon (18 integer values): the economy is the second task, a quantity', async () => {
    const r = mulberry32(26);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 120; i++) {
      const type = ['small', 'compact', 'large'][i % 3];
      const hp = 80 + 60 * (i % 3) + 30 * r();
      const mileage = i % 2 === 0 ? String(Math.round(37 - hp / 12 + 2 * r())) : 'NA';
      rows.push([type, r() < 0.5 ? 'manual' : 'power', hp.toFixed(0), mileage, (8000 + 90 * hp + 2000 * r()).toFixed(0)]);
    }
    const dir = join(await tempDir(), 'cars');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'cars.csv'), csv(['type', 'steering', 'hp', 'mileage', 'price'], rows));
    await writeFile(join(dir, 'README.txt'), 'Cars of one model year\n\nFormat:\n\n  type: size class\n  steering: power or manual\n  hp: net horsepower\n  mileage: gas mileage in miles/gallon, as tested\n  price: list price\n');
    const designer = createTabularDesigner({});
    const proposals = await designer.brainstorm(await profileDataset(dir), designContext());
    expect(proposals.map((p) => p.target.name).slice(0, 2)).toEqual(['price', 'mileage']);
    expect(proposals[1].objective).toBe('regression');
  });

  it('a class told apart by a bank of numbered features (V1…V12): no feature becomes a second target', async () => {
    const r = mulberry32(25);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 200; i++) {
      const cls = i % 2 === 0 ? 'g' : 'b';
      rows.push([...Array.from({ length: 12 }, (_, k) => (gauss(r) + (cls === 'g' && k < 4 ? 1.5 : 0)).toFixed(3)), cls]);
    }
    const header = [...Array.from({ length: 12 }, (_, k) => `V${k + 1}`), 'Class'];
    const targets = await proposedTargets(await writeDataset('radar', 'radar.csv', csv(header, rows)));
    expect(targets).toEqual(['Class']);
  });

  it('an earlier year of the outcome is its baseline, not a second target ("Voted in 1996" beside "Voted in 1998")', async () => {
    const r = mulberry32(26);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 400; i++) {
      const before = r() < 0.5 ? 1 : 0;
      const mailed = r() < 0.5 ? 1 : 0;
      const age = 18 + Math.floor(70 * r());
      const after = r() < 0.2 + 0.5 * before + 0.1 * mailed + age / 400 ? 1 : 0;
      rows.push([mailed, age, 1 - before, before, after]);
    }
    const dir = join(await tempDir(), 'turnout');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'turnout.csv'), csv(['MAIL', 'AGE', 'VOTE96.0', 'VOTE96.1', 'VOTED98'], rows));
    await writeFile(join(dir, 'README.txt'), 'Turnout field experiment\n\nFormat:\n\n  MAIL: Sent mail\n  AGE: Age of respondent\n  VOTE96.0: Abstained in 1996\n  VOTE96.1: Voted in 1996\n  VOTED98: Voted in 1998\n');
    const targets = await proposedTargets(dir);
    expect(targets[0]).toBe('VOTED98');
    expect(targets).not.toContain('VOTE96.0');
    expect(targets).not.toContain('VOTE96.1');
  });
});

describe('a guessed target is hedged with the next-best columns', () => {
  // Nothing documented and nothing beyond its type and position speaks for the last column:
  // the next-best columns are likelier outcomes than its above-median and tertile labels.
  const survey = (r: () => number): Array<Array<string | number>> => {
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 300; i++) {
      const a = gauss(r), b = gauss(r);
      rows.push([(50 + 10 * a).toFixed(2), (20 + 5 * (0.6 * a + 0.8 * b)).toFixed(2), (7 + 2 * (0.5 * b + 0.8 * gauss(r))).toFixed(2), (40 + 12 * (0.4 * a + 0.9 * gauss(r))).toFixed(2)]);
    }
    return rows;
  };

  it('a table of four undocumented quantities proposes three different columns, not labels of one', async () => {
    const dir = await writeDataset('survey', 'survey.csv', csv(['depth', 'salinity', 'speed', 'distance'], survey(mulberry32(31))));
    const targets = await proposedTargets(dir);
    expect(targets).toHaveLength(3);
    expect(targets.some((t) => /_above_median|_tertile/.test(t))).toBe(false);
    expect(new Set(targets).size).toBe(3);
  });

  it('a documented outcome is not hedged: its derived labels follow it', async () => {
    const dir = join(await tempDir(), 'survey-doc');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'survey.csv'), csv(['depth', 'salinity', 'speed', 'distance'], survey(mulberry32(32))));
    await writeFile(join(dir, 'README.txt'), 'A survey\n\nFormat:\n\n  depth: depth of the haul\n  salinity: salinity of the water\n  speed: speed of the current\n  distance: distance travelled, the response variable\n');
    const targets = await proposedTargets(dir);
    expect(targets[0]).toBe('distance');
    expect(targets.slice(1).every((t) => t.startsWith('distance_'))).toBe(true);
  });

  it('a bank of like measurements (a body\'s girths) keeps one guessed target and its labels', async () => {
    const r = mulberry32(33);
    const header = Array.from({ length: 10 }, (_, k) => `girth_${String.fromCharCode(97 + k)}`);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 300; i++) {
      const size = gauss(r);
      rows.push(header.map((_, k) => (30 + 3 * k + 4 * size + 2 * gauss(r)).toFixed(1)));
    }
    const targets = await proposedTargets(await writeDataset('girths', 'girths.csv', csv(header, rows)));
    expect(targets.filter((t) => !/_above_median|_tertile/.test(t))).toHaveLength(1);
  });
});
