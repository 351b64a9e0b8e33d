// Column roles on generated tables that hold the columns a careless designer would take for
// targets or features: a row index, a counter within subjects, stratum numbers, calendar parts,
// a dose × supplement design. Profiled by the real profiler (DuckDB).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TableProfile } from '@mle-smith/core';
import { profileDataset } from './profile.js';
import { dataset, rng } from './test-helpers.js';

function csv(header: string[], rows: Array<Array<string | number>>): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

async function profileOne(rows: string): Promise<TableProfile> {
  const p = await profileDataset(await dataset({ 'table.csv': rows }));
  return p.tables[0];
}

function roleOf(t: TableProfile, column: string): string | undefined {
  return t.columns.find((c) => c.name === column)?.role;
}

function targetsOf(t: TableProfile): string[] {
  return t.candidateTargets.map((c) => c.column);
}

describe('column roles', () => {
  it('a row index, whatever its name, is an identifier and never a target', async () => {
    const r = rng(1);
    const rows = Array.from({ length: 120 }, (_, i) => {
      const x = r();
      return [i + 1, (x * 10).toFixed(3), (3 * x + r()).toFixed(3)];
    });
    const t = await profileOne(csv(['obs', 'x', 'y'], rows));
    expect(roleOf(t, 'obs')).toBe('identifier');
    expect(targetsOf(t)).not.toContain('obs');
    expect(roleOf(t, 'y')).toBe('measure');
  });

  it('a running counter within subjects is an identifier; a shared time grid is a time index', async () => {
    const r = rng(2);
    const rows: Array<Array<string | number>> = [];
    for (let subject = 1; subject <= 30; subject++) {
      for (let k = 1; k <= 4; k++) rows.push([`s${subject}`, k, k * 2, (50 + 3 * k + r() * 5).toFixed(2), (r() * 3).toFixed(2)]);
    }
    const t = await profileOne(csv(['subject', 'replicate_no', 'time', 'weight', 'noise'], rows));
    expect(roleOf(t, 'replicate_no')).toBe('identifier');
    expect(t.columns.find((c) => c.name === 'replicate_no')?.roleReason).toMatch(/within "subject"/);
    expect(roleOf(t, 'time')).toBe('time-index');
    expect(roleOf(t, 'subject')).toBe('group');
    expect(targetsOf(t)).not.toContain('replicate_no');
    expect(targetsOf(t)).not.toContain('time');
    expect(targetsOf(t)[0]).toBe('weight');
  });

  it('stratum numbers of matched sets are identifiers', async () => {
    const r = rng(3);
    const rows: Array<Array<string | number>> = [];
    for (let stratum = 1; stratum <= 40; stratum++) {
      for (let k = 0; k < 3; k++) rows.push([stratum, k === 0 ? 1 : 0, (20 + r() * 30).toFixed(1), r() < 0.5 ? 'yes' : 'no']);
    }
    const t = await profileOne(csv(['stratum', 'case', 'age', 'smoker'], rows));
    expect(roleOf(t, 'stratum')).toBe('identifier');
    expect(targetsOf(t)).not.toContain('stratum');
  });

  it('a column the documentation calls a dose, a treatment or a nuisance factor is a design variable; a treatment outcome is not', async () => {
    const r = rng(11);
    const rows = Array.from({ length: 150 }, (_, i) => {
      const vit = ['0', '100', '200'][Math.floor(r() * 3)];
      return [vit, ['Normal', 'Petri', 'Transplant'][i % 3], r() < 0.4 ? 'Marked' : r() < 0.5 ? 'Some' : 'None', (20 + Number(vit) / 50 + r() * 5).toFixed(1)];
    });
    const readme = 'Growth of plants\n\nFormat:\n\n     Evit Factor; vitamin E dose; see details.\n     status a nuisance factor for germination method\n     Improved factor indicating treatment outcome\n     Weight weight in kg\n';
    const p = await profileDataset(await dataset({ 'table.csv': csv(['Evit', 'status', 'Improved', 'Weight'], rows), 'README.txt': readme }));
    const t = p.tables[0];
    expect(roleOf(t, 'Evit')).toBe('design');
    expect(roleOf(t, 'status')).toBe('design');
    expect(roleOf(t, 'Improved')).not.toBe('design');
    expect(targetsOf(t)).not.toContain('Evit');
    expect(targetsOf(t)).not.toContain('status');
  });

  it('a column the documentation calls an id or says identifies the unit, past the leading R type of its description, is an identifier', async () => {
    const r = rng(12);
    const rows: Array<Array<string | number>> = [];
    for (let pig = 1; pig <= 30; pig++) {
      for (let week = 1; week <= 6; week++) rows.push([Math.ceil(pig / 3) + 100, pig + 4000, (20 + 6 * week + r() * 4).toFixed(1), (r() * 9).toFixed(2)]);
    }
    const readme = 'Pigs\n\nFormat:\n\n     Litter Factor, id of litter of each pig\n     Pig A factor identifying the pig (1 to 30).\n     Weight weight in kg\n     Feed feed intake in kg\n';
    const p = await profileDataset(await dataset({ 'table.csv': csv(['Litter', 'Pig', 'Weight', 'Feed'], rows), 'README.txt': readme }));
    const t = p.tables[0];
    expect(roleOf(t, 'Litter')).toBe('identifier');
    expect(roleOf(t, 'Pig')).toBe('identifier');
    expect(targetsOf(t)).not.toContain('Litter');
    expect(targetsOf(t)).toContain('Weight');
  });

  it('a sampling cluster by description is an identifier; a cohort\'s exposure ("0: control, 1: exposed to …") is a design variable', async () => {
    const r = rng(27);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 280; i++) {
      const cluster = 1 + Math.floor(i / 6);
      const exposed = r() < 0.4 ? 1 : 0;
      rows.push([cluster, exposed, Math.round(20 + 60 * r()), (5 + 3 * exposed + 4 * r()).toFixed(2)]);
    }
    const readme = 'Municipalities\n\nFormat:\n\n     CL cluster indicator (a cluster consists of a set of neighbouring municipalities).\n     group Group. 0: control, 1: exposed to the new tax rule\n' +
      '     P85 1985 population (in thousands).\n     RMT85 revenues from 1985 municipal taxation (in millions of kronor).\n';
    const t = (await profileDataset(await dataset({ 'mu.csv': csv(['CL', 'group', 'P85', 'RMT85'], rows), 'README.txt': readme }))).tables[0];
    expect(roleOf(t, 'CL')).toBe('identifier');
    expect(roleOf(t, 'group')).toBe('design');
    expect(targetsOf(t)).not.toContain('CL');
    expect(targetsOf(t)).not.toContain('group');
  });

  it('a column the documentation calls a record type is a design variable; a location "in which the household is located" is no target', async () => {
    const r = rng(17);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 300; i++) {
      const first = i % 5 === 0 ? 1 : 0;
      rows.push([first, ['north', 'south', 'east', 'west', 'centre'][Math.floor(r() * 5)], Math.round(20 + 60 * r()), (1 + 3 * r()).toFixed(2)]);
    }
    const readme = 'Monitoring data\n\nFormat:\n\n     firstobs (numeric) 0 = record represents an angiogram or date of death. 1 = record represents transplant\n' +
      '     region factor; the state in which the household is located\n     age age in years\n     score a numeric vector\n';
    const t = (await profileDataset(await dataset({ 'cav.csv': csv(['firstobs', 'region', 'age', 'score'], rows), 'README.txt': readme }))).tables[0];
    expect(roleOf(t, 'firstobs')).toBe('design');
    expect(targetsOf(t)).not.toContain('firstobs');
    expect(targetsOf(t)).not.toContain('region');
    expect(targetsOf(t)).toContain('score');
  });

  it('a starting condition ("initial tadpole density") is a design variable, even when the title names it', async () => {
    const r = rng(19);
    const rows: Array<Array<string | number>> = [];
    for (const density of [10, 25, 35]) {
      for (const pred of ['no', 'pred']) {
        for (let k = 0; k < 8; k++) {
          const surv = Math.max(0, Math.round(density * (pred === 'pred' ? 0.5 + 0.3 * r() : 0.85 + 0.15 * r())));
          rows.push([density, pred, surv, (surv / density).toFixed(3)]);
        }
      }
    }
    const readme = 'Data on lab experiments on the density-dependent predation rate of reed frogs\n\nDescription:\n\n     Tadpoles in tanks.\n\nFormat:\n\n' +
      '     density initial tadpole density (number of tadpoles in a tank)\n     pred factor: predators present or absent\n     surv number surviving\n     propsurv proportion surviving\n';
    const t = (await profileDataset(await dataset({ 'frogs.csv': csv(['density', 'pred', 'surv', 'propsurv'], rows), 'README.txt': readme }))).tables[0];
    expect(roleOf(t, 'density')).toBe('design');
    expect(targetsOf(t)).not.toContain('density');
  });

  it('a unit\'s number by name (schoolNR, classNR) is an identifier, never a target or a feature', async () => {
    const r = rng(13);
    const rows = Array.from({ length: 240 }, (_, i) => [Math.floor(i / 12) + 1, Math.floor(i / 6) + 1, (30 + r() * 20).toFixed(0), (35 + r() * 20).toFixed(0)]);
    const t = await profileOne(csv(['schoolNR', 'classNR', 'langPRET', 'langPOST'], rows));
    expect(roleOf(t, 'schoolNR')).toBe('identifier');
    expect(roleOf(t, 'classNR')).toBe('identifier');
    expect(targetsOf(t)).not.toContain('classNR');
    expect(targetsOf(t)[0]).toBe('langPOST');
  });

  it('day, month and year columns are time indices, never targets', async () => {
    const r = rng(4);
    const rows: Array<Array<string | number>> = [];
    for (let year = 2001; year <= 2002; year++) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 28; day += 3) rows.push([year, month, day, (10 + 8 * Math.sin(month / 2) + r() * 3).toFixed(1), (r() * 40).toFixed(1)]);
      }
    }
    const t = await profileOne(csv(['Year', 'Month', 'Day', 'Temp', 'Ozone'], rows));
    for (const c of ['Year', 'Month', 'Day']) {
      expect(roleOf(t, c)).toBe('time-index');
      expect(targetsOf(t)).not.toContain(c);
    }
    expect(targetsOf(t)).toContain('Temp');
  });

  it('a decade column beside the year is a time index, never a target', async () => {
    const r = rng(41);
    const rows: Array<Array<string | number>> = [];
    for (let year = 1960; year <= 2019; year++) {
      for (const country of ['Chile', 'Peru', 'Ghana']) rows.push([country, year, Math.floor(year / 10) * 10, (50 + 0.3 * (year - 1960) + r() * 5).toFixed(2)]);
    }
    const t = await profileOne(csv(['country', 'year', 'decade', 'lifeexp'], rows));
    expect(roleOf(t, 'decade')).toBe('time-index');
    expect(targetsOf(t)).not.toContain('decade');
  });

  it('dose and supplement of a balanced, fully crossed design are design variables; the response is the target', async () => {
    const r = rng(5);
    const rows: Array<Array<string | number>> = [];
    for (const supp of ['OJ', 'VC']) {
      for (const level of [0.5, 1, 2]) {
        for (let k = 0; k < 10; k++) rows.push([(5 + 8 * level + (supp === 'OJ' ? 3 : 0) + r() * 4).toFixed(1), supp, level]);
      }
    }
    const t = await profileOne(csv(['len', 'supp', 'dose'], rows));
    expect(roleOf(t, 'supp')).toBe('design');
    expect(roleOf(t, 'dose')).toBe('design');
    expect(targetsOf(t)).toEqual(['len']);
  });

  it('factors are design variables from the data alone when they are balanced and fully crossed', async () => {
    const r = rng(6);
    const rows: Array<Array<string | number>> = [];
    for (const a of ['p', 'q', 'r']) {
      for (const b of ['lo', 'hi']) {
        for (let k = 0; k < 8; k++) rows.push([a, b, (r() * 10 + (a === 'p' ? 5 : 0)).toFixed(2)]);
      }
    }
    const t = await profileOne(csv(['soil', 'watering', 'yield_kg'], rows));
    expect(roleOf(t, 'soil')).toBe('design');
    expect(roleOf(t, 'watering')).toBe('design');
    expect(targetsOf(t)).toEqual(['yield_kg']);
  });

  it('a crossed factor that a title names is a design variable when the documentation also names a measured outcome', async () => {
    const r = rng(7);
    const rows: Array<Array<string | number>> = [];
    for (const soil of ['clay', 'loam', 'sand']) {
      for (const watering of ['lo', 'hi']) for (let k = 0; k < 8; k++) rows.push([soil, watering, (r() * 10 + (watering === 'hi' ? 5 : 0)).toFixed(2)]);
    }
    const readme = 'Watering of Field Plots\n\nDescription:\n\n     A designed experiment varying soil and watering. The response is yield_kg, the yield of a plot in kilograms.\n';
    const p = await profileDataset(await dataset({ 'table.csv': csv(['soil', 'watering', 'yield_kg'], rows), 'README.txt': readme }));
    expect(p.documentation?.responses).toEqual(expect.arrayContaining(['watering', 'yield_kg']));
    const t = p.tables[0];
    expect(roleOf(t, 'watering')).toBe('design');
    expect(roleOf(t, 'yield_kg')).toBe('response');
    expect(targetsOf(t)).toEqual(['yield_kg']);
  });

  it('a balanced, crossed label and recording condition without any measurement: the label stays a target', async () => {
    const rows: Array<Array<string | number>> = [];
    for (const word of ['yes', 'no', 'up']) for (const pitch of [90, 110, 130, 150]) for (let k = 0; k < 2; k++) rows.push([`${word}-${pitch}-${k}`, word, pitch]);
    const t = await profileOne(csv(['take', 'word', 'pitch'], rows));
    expect(roleOf(t, 'word')).toBe('measure');
    expect(targetsOf(t)).toContain('word');
  });

  it('a daily log: the date of each row, in date order, is an identifier (it only encodes row order)', async () => {
    const r = rng(8);
    const rows: Array<Array<string | number>> = [];
    for (let d = 0; d < 90; d++) rows.push([new Date(Date.UTC(2020, 0, 1 + d)).toISOString().slice(0, 10), (10 + r() * 5).toFixed(1), r() < 0.3 ? 'rain' : 'sun']);
    const t = await profileOne(csv(['date', 'temp', 'weather'], rows));
    expect(roleOf(t, 'date')).toBe('identifier');
    expect(targetsOf(t)).not.toContain('date');
  });

  it('names (first names repeat, most rows have their own), a train/test column and a documented name are identifiers', async () => {
    const r = rng(9);
    const first = ['Ann', 'Bob', 'Cy', 'Di', 'Ed', 'Flo', 'Gus', 'Hal', 'Ida', 'Jo'];
    const rows = Array.from({ length: 160 }, (_, i) => {
      const x = r();
      // 120 distinct first names over 160 rows (uniqueness 0.75), a split column, a model name
      return [`${first[i % 10]}${Math.floor(i / 4) % 12}${i % 4 === 0 ? 'x' : ''}`, i % 5 === 0 ? 'Testing' : 'Training', `m${i % 30}`, (x * 10).toFixed(3), (3 * x + r()).toFixed(3)];
    });
    const dir = await dataset({
      'table.csv': csv(['person', 'dataset', 'model2', 'x', 'y'], rows),
      'README.md': '# Measurements\n\n- person: who was measured\n- model2: alternate name of the device\n- x: dose\n- y: the response\n',
    });
    const t = (await profileDataset(dir)).tables[0];
    expect(roleOf(t, 'person')).toBe('identifier');
    expect(roleOf(t, 'dataset')).toBe('identifier');
    expect(roleOf(t, 'model2')).toBe('identifier');
    expect(targetsOf(t)[0]).toBe('y');
    for (const c of ['person', 'dataset', 'model2']) expect(targetsOf(t)).not.toContain(c);
  });

  it('documented place names, web addresses, the subsample of an earlier analysis and who recorded a row are never targets', async () => {
    const r = rng(21);
    const houses = ['Galaxy', 'Morgan', 'Newspoll', 'Nielsen', 'Phone'];
    const rows = Array.from({ length: 200 }, (_, i) => {
      const x = r();
      return [`County${i % 40}`, `https://polls.example.org/report/${i % 130}`, i % 3 === 0 ? 'yes' : 'no', houses[i % 5], (x * 10).toFixed(3), (30 + 3 * x + r()).toFixed(3)];
    });
    const readme = 'Polls\n\nFormat:\n\n     cname County name\n     source a character vector, source of the poll report\n' +
      '     subsample factor. Subsample for the replication of columns 1-5 from Table 4.\n' +
      '     org a factor with levels Galaxy, Morgan, indicating the survey house and/or mode of the poll\n     x a measurement\n     ALP percentage intending to vote Labor\n';
    const p = await profileDataset(await dataset({ 'table.csv': csv(['cname', 'source', 'subsample', 'org', 'x', 'ALP'], rows), 'README.txt': readme }));
    const t = p.tables[0];
    expect(roleOf(t, 'cname')).toBe('identifier');
    expect(roleOf(t, 'source')).toBe('identifier');
    expect(roleOf(t, 'subsample')).toBe('identifier');
    expect(roleOf(t, 'org')).toBe('design');
    for (const c of ['cname', 'source', 'subsample', 'org']) expect(targetsOf(t)).not.toContain(c);
  });

  it('a column the documentation calls the respondents is the group of repeated measures; their attributes rank below the rating; test products are design', async () => {
    const r = rng(22);
    const rows: Array<Array<string | number>> = [];
    for (let resp = 1; resp <= 60; resp++) {
      const freq = ['daily', 'weekly', 'rarely'][resp % 3];
      const where = ['Aarhus', 'Odense', 'Copenhagen'][resp % 3 === 0 ? 0 : Math.floor(resp / 21)];
      // ten tastings each, of six products (some twice)
      for (let k = 0; k < 10; k++) {
        const product = 1 + ((k + resp) % 6);
        rows.push([resp, product === 1 ? 'Ref' : 'Test', product, 1 + Math.floor(r() * 6), freq, where]);
      }
    }
    const readme = 'Discrimination study of packet soup\n\nFormat:\n\n     RESP factor with 60 levels: the respondents in the study.\n     PROD factor with 2 levels: index reference and test products.\n' +
      '     PRODID factor with 6 levels: index reference and the five test product variants.\n     SURENESS ordered factor with 6 levels: the respondents ratings of soup samples.\n' +
      '     SOUPFREQ factor with 3 levels: the frequency with which the respondent consumes soup.\n     LOCATION factor with three levels: three different locations.\n';
    const p = await profileDataset(await dataset({ 'soup.csv': csv(['RESP', 'PROD', 'PRODID', 'SURENESS', 'SOUPFREQ', 'LOCATION'], rows), 'README.txt': readme }));
    const t = p.tables[0];
    expect(t.groupColumns).toContain('RESP');
    expect(roleOf(t, 'RESP')).toBe('group');
    expect(roleOf(t, 'PROD')).toBe('design');
    expect(roleOf(t, 'PRODID')).toBe('design');
    expect(targetsOf(t)[0]).toBe('SURENESS');
    expect(t.candidateTargets.find((c) => c.column === 'SOUPFREQ')?.reason).toContain('an attribute of the subject');
  });

  it('an undocumented panel (a row per country and year, 19 years) has the country as its group key: never a target, its fixed attributes rank below the measurements', async () => {
    const r = rng(29);
    const rows: Array<Array<string | number>> = [];
    const countries = ['Chile', 'Peru', 'Ghana', 'Kenya', 'Nepal', 'Fiji', 'Oman', 'Laos', 'Togo'];
    countries.forEach((country, k) => {
      const bloc = ['north', 'south', 'east'][k % 3];
      for (let year = 1981; year <= 1999; year++) rows.push([year, country, (10 + k + r() * 5).toFixed(2), Math.round(1e6 * (1 + k) * (1 + 0.02 * (year - 1981))), (300 + 50 * k + r() * 40).toFixed(1), bloc]);
    });
    const t = (await profileDataset(await dataset({ 'trade.csv': csv(['year', 'country', 'tariff', 'pop', 'gdp', 'bloc'], rows) }))).tables[0];
    expect(t.groupColumns).toEqual(['country']);
    expect(targetsOf(t)).not.toContain('country');
    expect(t.candidateTargets.find((c) => c.column === 'bloc')?.reason).toContain('an attribute of the subject');
  });

  it('a panel unit the documentation calls a "county identifier" is the group key; the county\'s fixed attributes rank below its measurements', async () => {
    const r = rng(23);
    const rows: Array<Array<string | number>> = [];
    for (let county = 1; county <= 40; county++) {
      const region = ['west', 'central', 'other'][county % 3];
      for (let year = 81; year <= 87; year++) rows.push([county * 3 + 1, year, (0.03 + r() * 0.02).toFixed(4), (2 + r()).toFixed(3), region]);
    }
    const readme = 'Crime\n\nFormat:\n\n     county county identifier\n     year year from 1981 to 1987\n     crmrte crimes committed per person\n     polpc police per capita\n     region factor. One of other, west or central.\n';
    const t = (await profileDataset(await dataset({ 'crime.csv': csv(['county', 'year', 'crmrte', 'polpc', 'region'], rows), 'README.txt': readme }))).tables[0];
    expect(t.groupColumns).toEqual(['county']);
    expect(t.candidateTargets.find((c) => c.column === 'region')?.reason).toContain('an attribute of the subject');
    expect(targetsOf(t)).not.toContain('county');
  });

  it('a column the examples\' mixed model groups by, `(1|Nest)`, is the group key and no feature', async () => {
    const r = rng(24);
    const rows: Array<Array<string | number>> = [];
    for (let nest = 0; nest < 27; nest++) {
      const name = ['Oleyes', 'Lucens', 'Chevroux', 'Payerne', 'Forel', 'Gletterens', 'Murist', 'Seiry', 'Yvonnand'][nest % 9] + (nest >= 9 ? String(Math.floor(nest / 9)) : '');
      const brood = 2 + (nest % 5);
      for (let night = 0; night < 20; night++) {
        const food = night % 2 === 0 ? 'Deprived' : 'Satiated';
        rows.push([name, food, (22 + r() * 7).toFixed(2), Math.round(brood * (food === 'Deprived' ? 4 : 2) + 6 * r()), brood]);
      }
    }
    const readme = 'Begging by Owl Nestlings\n\nFormat:\n\n     Nest a factor describing individual nest locations\n     FoodTreatment a factor with levels Deprived Satiated\n' +
      '     ArrivalTime a numeric vector\n     SiblingNegotiation a numeric vector\n     BroodSize brood size\n\nExamples:\n\n     glmer(SiblingNegotiation ~ FoodTreatment + ArrivalTime + (1|Nest) + offset(log(BroodSize)), family = poisson)\n';
    const t = (await profileDataset(await dataset({ 'owls.csv': csv(['Nest', 'FoodTreatment', 'ArrivalTime', 'SiblingNegotiation', 'BroodSize'], rows), 'README.txt': readme }))).tables[0];
    expect(t.groupColumns).toEqual(['Nest']);
    expect(roleOf(t, 'Nest')).toBe('group');
    expect(targetsOf(t)[0]).toBe('SiblingNegotiation');
  });

  it('reads an outcome from the layout when the documentation names none: a time-to-event pair, the latest year of a repeated measurement', async () => {
    const r = rng(25);
    const feeding: Array<Array<string | number>> = [];
    for (let i = 0; i < 300; i++) {
      const smoke = r() < 0.3 ? 1 : 0;
      feeding.push([1 + Math.floor(r() * 60 * (smoke ? 0.6 : 1)), r() < 0.8 ? 1 : 0, 1 + Math.floor(r() * 3), r() < 0.2 ? 1 : 0, smoke, 15 + Math.floor(r() * 15), 78 + Math.floor(r() * 9), 8 + Math.floor(r() * 10)]);
    }
    const readme = 'Breast feeding\n\nFormat:\n\n     duration Duration of breast feeding, weeks\n     delta Indicator of completed breast feeding (1=yes, 0=no)\n     race Race of mother (1=white, 2=black, 3=other)\n' +
      '     poverty Mother in poverty (1=yes, 0=no)\n     smoke Mother smoked at birth of child (1=yes, 0=no)\n     agemth Age of mother at birth of child\n     ybirth Year of birth\n     yschool Education level of mother (years of school)\n';
    const t = (await profileDataset(await dataset({ 'feeding.csv': csv(['duration', 'delta', 'race', 'poverty', 'smoke', 'agemth', 'ybirth', 'yschool'], feeding), 'README.txt': readme }))).tables[0];
    expect(roleOf(t, 'ybirth')).toBe('time-index');
    expect(targetsOf(t).slice(0, 2).sort()).toEqual(['delta', 'duration']);

    const earnings: Array<Array<string | number>> = [];
    for (let i = 0; i < 300; i++) {
      const educ = 6 + Math.floor(r() * 10);
      const re74 = r() < 0.4 ? 0 : Math.round(2000 + 900 * educ * r());
      const re75 = r() < 0.4 ? 0 : Math.round(re74 * 0.8 + 3000 * r());
      earnings.push([20 + Math.floor(r() * 30), educ, re74, re75, Math.round(re75 * 0.5 + 8000 * r()), re74 === 0 ? 1 : 0, re75 === 0 ? 1 : 0, r() < 0.4 ? 1 : 0]);
    }
    const help = 'Job training\n\nFormat:\n\n     age age in years.\n     educ years of schooling.\n     re74 real earnings in 1974.\n     re75 real earnings in 1975.\n     re78 real earnings in 1978.\n' +
      '     u74 indicator variable for earnings in 1974 being zero.\n     u75 indicator variable for earnings in 1975 being zero.\n     treat an indicator variable for treatment status.\n';
    const jobs = (await profileDataset(await dataset({ 'jobs.csv': csv(['age', 'educ', 're74', 're75', 're78', 'u74', 'u75', 'treat'], earnings), 'README.txt': help }))).tables[0];
    expect(targetsOf(jobs)[0]).toBe('re78');
    expect(jobs.candidateTargets.find((c) => c.column === 're74')?.reason).toContain('an earlier year');

    // Word counts named by the word (spam's num85 beside num857, num415, num1999): no years.
    const words: Array<Array<string | number>> = [];
    for (let i = 0; i < 200; i++) words.push([...Array.from({ length: 4 }, () => (r() < 0.7 ? 0 : r() * 3).toFixed(2)), r() < 0.4 ? 'spam' : 'mail']);
    const mail = (await profileDataset(await dataset({ 'mail.csv': csv(['num85', 'num857', 'num415', 'num1999', 'type'], words) }))).tables[0];
    expect(mail.candidateTargets.some((c) => /year/.test(c.reason))).toBe(false);
  });

  it('map coordinates by description are never targets; a yes/no column named like a unit is no group', async () => {
    const r = rng(26);
    const rows: Array<Array<string | number>> = [];
    for (let i = 0; i < 160; i++) {
      const x = 178000 + Math.round(r() * 3000);
      const y = 329000 + Math.round(r() * 4000);
      rows.push([x, y, Math.round(100 + (y - 329000) / 10 + 300 * r()), r() < 0.3 ? 1 : 0, Math.round((y - 329000) / 20)]);
    }
    const readme = 'Heavy metals along a river\n\nFormat:\n\n     x a numeric vector; Easting (m) in Rijksdriehoek map coordinates\n     y a numeric vector; Northing (m) in Rijksdriehoek map coordinates\n' +
      '     zinc topsoil zinc concentration, mg kg-1\n     hospital Indicator for a hospital nearby (1=yes, 0=no)\n     north northings, county seat, miles, local projection\n';
    const t = (await profileDataset(await dataset({ 'river.csv': csv(['x', 'y', 'zinc', 'hospital', 'north'], rows), 'README.txt': readme }))).tables[0];
    expect(targetsOf(t)).not.toContain('x');
    expect(targetsOf(t)).not.toContain('y');
    expect(targetsOf(t)).not.toContain('north');
    expect(t.groupColumns).toEqual([]);
    expect(targetsOf(t)).toContain('hospital');
  });

  it('a single balanced class column (no crossed design) stays a target', async () => {
    const r = rng(7);
    const rows: Array<Array<string | number>> = [];
    for (const species of ['a', 'b', 'c']) for (let k = 0; k < 30; k++) rows.push([(r() + (species === 'b' ? 1 : 0)).toFixed(3), (r() * 2).toFixed(3), species]);
    const t = await profileOne(csv(['petal', 'sepal', 'species'], rows));
    expect(roleOf(t, 'species')).toBe('measure');
    expect(targetsOf(t)[0]).toBe('species');
  });
  it('a record type (one row per patient and event type) is a design variable, never a target; attributes and outcomes stay', async () => {
    const r = rng(10);
    const rows: Array<Array<string | number>> = [];
    for (let id = 1; id <= 60; id++) {
      const sex = r() < 0.5 ? 1 : 0;
      const age = Math.round(40 + r() * 35);
      const nodes = Math.floor(r() * 9);
      for (const etype of [1, 2]) {
        const time = Math.round(200 + r() * 2500 - nodes * 80 - (etype === 1 ? 300 : 0));
        rows.push([id, sex, age, nodes, r() < 0.3 + nodes / 20 ? 1 : 0, time, etype]);
      }
    }
    const t = await profileOne(csv(['id', 'sex', 'age', 'nodes', 'status', 'time', 'etype'], rows));
    expect(roleOf(t, 'etype')).toBe('design');
    expect(t.columns.find((c) => c.name === 'etype')?.roleReason).toMatch(/record type.*"id"/);
    expect(targetsOf(t)).not.toContain('etype');
    // one value per patient: an attribute, not a record type; a 0/1 outcome that repeats within a patient is measured
    expect(roleOf(t, 'sex')).not.toBe('design');
    expect(roleOf(t, 'status')).toBe('measure');
    expect(targetsOf(t)).toContain('status');
  });

  it('a record type the documentation names as the outcome, and one that most subjects lack a level of, stay candidates', async () => {
    const r = rng(11);
    const rows: Array<Array<string | number>> = [];
    for (let pair = 1; pair <= 40; pair++) {
      for (const kase of [0, 1]) rows.push([pair, kase, (20 + r() * 30 + kase * 8).toFixed(1), r() < 0.3 + kase * 0.3 ? 'yes' : 'no']);
    }
    const readme = 'Matched pairs\n\nDescription:\n\n     A 1:1 matched case-control study.\n\nFormat:\n\n       pair: matched pair number\n       case: the outcome, 1 = case, 0 = control\n       exposure: years exposed\n       smoker: smoker\n';
    const p = await profileDataset(await dataset({ 'table.csv': csv(['pair', 'case', 'exposure', 'smoker'], rows), 'README.txt': readme }));
    const matched = p.tables[0];
    expect(roleOf(matched, 'case')).toBe('response');
    expect(targetsOf(matched)[0]).toBe('case');

    // visits 1/2 where half the patients have only one visit: not one record per patient and value
    const rows2: Array<Array<string | number>> = [];
    for (let id = 1; id <= 60; id++) {
      for (const visit of id % 2 === 0 ? ['a', 'b'] : ['a']) rows2.push([id, visit, (r() * 10).toFixed(2), (r() * 5).toFixed(2)]);
    }
    const t2 = await profileOne(csv(['patient', 'arm_code', 'x', 'y'], rows2));
    expect(roleOf(t2, 'arm_code')).not.toBe('design');
  });
  it('survival\'s colon (two records per patient): etype is a record type, status and time stay the targets', async () => {
    const p = await profileDataset(fileURLToPath(new URL('./__fixtures__/colon-records', import.meta.url)));
    const t = p.tables[0];
    expect(roleOf(t, 'etype')).toBe('design');
    expect(t.columns.find((c) => c.name === 'etype')?.roleReason).toMatch(/record type.*"id"/);
    expect(targetsOf(t)).not.toContain('etype');
    expect(targetsOf(t).slice(0, 2).sort()).toEqual(['status', 'time']);
  });
});
