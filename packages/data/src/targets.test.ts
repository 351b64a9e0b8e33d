import { describe, expect, it } from 'vitest';
import type { ColumnProfile } from '@mle-smith/core';
import { candidateTargets } from './targets.js';

const col = (name: string, over: Partial<ColumnProfile> = {}): ColumnProfile => ({
  name, duckdbType: 'BIGINT', inferredType: 'integer', missingFraction: 0, distinctCount: 50, uniqueness: 0.1, topValues: [], identifierLike: false, ...over,
});
const rank = (columns: ColumnProfile[], documentation?: { columns: Record<string, string>; responses?: string[] }) =>
  candidateTargets(columns, 600, new Map(), [], documentation ? { documentation: { files: [], text: '', responses: [], ...documentation } } : {});

describe('candidateTargets', () => {
  it('a few integers spread over a wide range are a quantity (regression), consecutive codes are classes', () => {
    const [affairs, rating] = [
      col('affairs', { distinctCount: 6, min: 0, max: 12 }),
      col('rating', { distinctCount: 5, min: 1, max: 5 }),
    ];
    const byName = new Map(rank([affairs, rating, col('age', { inferredType: 'float', distinctCount: 300 })]).map((c) => [c.column, c]));
    expect(byName.get('affairs')?.objective).toBe('regression');
    expect(byName.get('rating')?.objective).toBe('multiclass');
  });

  it('a column the documentation calls a number of things is a count (regression), however few integers it takes', () => {
    const [cases, events, stage] = [
      col('incidence', { distinctCount: 9, min: 0, max: 12 }),
      col('nrAdvE', { distinctCount: 11, min: 0, max: 12 }),
      col('stage', { distinctCount: 5, min: 1, max: 5 }),
    ];
    expect(rank([cases, events, stage]).map((c) => c.objective)).toEqual(['multiclass', 'multiclass', 'multiclass']);
    const columns = { incidence: 'The number of new serological cases for a given herd and time period', nrAdvE: 'the number of adverse events', stage: 'tumour stage, 1 to 5' };
    const byName = new Map(rank([cases, events, stage], { columns, responses: ['incidence', 'nrAdvE', 'stage'] }).map((c) => [c.column, c]));
    expect(byName.get('incidence')).toMatchObject({ objective: 'regression' });
    expect(byName.get('incidence')?.reason).toContain('a documented count');
    expect(byName.get('nrAdvE')?.objective).toBe('regression');
    expect(byName.get('stage')?.objective).toBe('multiclass');
    // A count with fewer than five values stays a class task (0, 1, 2 births); so does a count that is
    // not a documented outcome (a covariate: its objective would only reshuffle the ranking).
    expect(rank([col('twins', { distinctCount: 3, min: 0, max: 2 })], { columns: { twins: 'number of twin births' }, responses: ['twins'] })[0].objective).toBe('multiclass');
    expect(rank([cases], { columns })[0].objective).toBe('multiclass');
  });

  it('a post-measurement beside its pre-measurement is the outcome of a pre/post design', () => {
    const columns = [col('langPRET', { distinctCount: 40 }), col('langPOST', { distinctCount: 45 }), col('IQ', { inferredType: 'float', distinctCount: 60 }), col('ses', { distinctCount: 30 })];
    const ranked = rank(columns);
    expect(ranked[0].column).toBe('langPOST');
    expect(ranked[0].reason).toContain('a post-measurement beside its pre-measurement');
    expect(ranked.find((c) => c.column === 'langPRET')?.reason).not.toContain('post-measurement');
    // A post-test is a score on a scale: a regression target even with few integer values.
    const baumann = rank([col('pretest.1', { distinctCount: 12, min: 3, max: 16 }), col('post.test.1', { distinctCount: 14, min: 1, max: 15 }), col('score', { distinctCount: 25 })]);
    expect(baumann.find((c) => c.column === 'post.test.1')).toMatchObject({ objective: 'regression' });
    expect(baumann.find((c) => c.column === 'post.test.1')?.reason).toContain('a post-measurement');
  });

  it('a column the documentation describes as an outcome ranks above an undescribed measurement', () => {
    const columns = [col('hwy', { distinctCount: 27 }), col('displ', { inferredType: 'float', distinctCount: 35 }), col('note', { inferredType: 'categorical', distinctCount: 3 })];
    const ranked = rank(columns, { columns: { hwy: 'highway miles per gallon', displ: 'engine displacement, in litres' } });
    const hwy = ranked.find((c) => c.column === 'hwy')!;
    const displ = ranked.find((c) => c.column === 'displ')!;
    expect(hwy.reason).toContain('the documentation describes an outcome');
    expect(hwy.score).toBeGreaterThan(displ.score);
  });

  it('the same measurement described for two years: the latest is the outcome, anything described by an earlier year a baseline', () => {
    const columns = [col('VOTE96.0', { distinctCount: 2 }), col('VOTE96.1', { distinctCount: 2 }), col('VOTED98', { distinctCount: 2 }), col('AGE', { distinctCount: 80 })];
    const ranked = rank(columns, { columns: { 'VOTE96.0': 'Abstained in 1996', 'VOTE96.1': 'Voted in 1996', VOTED98: 'Voted in 1998', AGE: 'Age of respondent' } });
    expect(ranked[0].column).toBe('VOTED98');
    expect(ranked[0].reason).toContain('the latest year of a repeated measurement');
    for (const earlier of ['VOTE96.0', 'VOTE96.1']) expect(ranked.find((c) => c.column === earlier)?.reason).toContain('an earlier year of a repeated measurement');
    // One year alone is no series.
    expect(rank(columns, { columns: { VOTED98: 'Voted in 1998' } })[0].reason).not.toContain('latest year');
  });

  it('in an experiment the measurements are the outcomes, a total score first; its other categories are factors, not what the measurements tell apart', () => {
    const columns = [
      col('pid', { distinctCount: 142, role: 'identifier' }),
      col('condition', { inferredType: 'categorical', distinctCount: 2, role: 'design' }),
      col('talk', { inferredType: 'categorical', distinctCount: 5 }),
      col('overall', { inferredType: 'float', distinctCount: 132 }),
      col('factual', { inferredType: 'float', distinctCount: 89 }),
      col('conceptual', { inferredType: 'float', distinctCount: 77 }),
    ];
    const ranked = rank(columns, {
      columns: {
        talk: 'TED talk seen by participant, factor with 5 levels',
        overall: 'overall memory score ranging from 0 (= no memory) to 100 (= perfect memory).',
        factual: 'memory score on the factual questions ranging from 0 to 100.',
        conceptual: 'memory score on the conceptual questions ranging from 0 to 100.',
      },
    });
    expect(ranked[0].column).toBe('overall');
    expect(ranked[0].reason).toContain('a total score of measurements beside it');
    expect(ranked.find((c) => c.column === 'talk')?.reason).not.toContain('a category among numeric measurements');
    // A total count is the size of the unit, not a score: "total number of seats" beside the parties' seats.
    const seats = rank([col('S82', { distinctCount: 19 }), col('CS82', { distinctCount: 25 }), col('SS82', { distinctCount: 36 })], {
      columns: { S82: 'total number of seats in municipal council.', CS82: 'number of Conservative seats in municipal council.', SS82: 'number of Social-Democratic seats in municipal council.' },
    });
    expect(seats.find((c) => c.column === 'S82')?.reason).not.toContain('total score');
  });

  it('"Well-Being" names an outcome as "wellbeing" does', () => {
    const ranked = rank([col('WBEING', { distinctCount: 196 }), col('HRS', { distinctCount: 24 })], { columns: { WBEING: 'numeric Well-Being', HRS: 'numeric Work Hours' } });
    expect(ranked[0].column).toBe('WBEING');
    expect(ranked[0].reason).toContain('the documentation describes an outcome');
  });

  it('a column the documentation gives a unit is a quantity, however few integers it takes; "miles/gallon" reads as miles per gallon', () => {
    const mileage = col('mileage', { distinctCount: 18, min: 18, max: 37 });
    const grade = col('grade', { distinctCount: 18, min: 1, max: 18 });
    const plain = new Map(rank([mileage, grade]).map((c) => [c.column, c]));
    expect(plain.get('mileage')?.objective).toBe('multiclass');
    const documented = new Map(rank([mileage, grade], { columns: { mileage: 'gas mileage in miles/gallon, as tested', grade: 'grade of the school, 1 to 18' } }).map((c) => [c.column, c]));
    expect(documented.get('mileage')).toMatchObject({ objective: 'regression' });
    expect(documented.get('mileage')?.reason).toContain('measured in units');
    expect(documented.get('mileage')?.reason).toContain('the documentation describes an outcome');
    expect(documented.get('grade')?.objective).toBe('multiclass');
    const width = rank([col('width', { distinctCount: 16, min: 60, max: 75 })], { columns: { width: 'width of the car (inches)' } })[0];
    expect(width.objective).toBe('regression');
    expect(width.reason).not.toContain('describes an outcome');
  });

  it('a demographic covariate ranks below an equal column that is not one', () => {
    const columns = [col('citizen', { inferredType: 'boolean', distinctCount: 2 }), col('released', { inferredType: 'boolean', distinctCount: 2 }), col('checks', { distinctCount: 7 })];
    const ranked = rank(columns);
    expect(ranked.find((c) => c.column === 'citizen')!.reason).toContain('a demographic covariate');
    expect(ranked.map((c) => c.column).indexOf('released')).toBeLessThan(ranked.map((c) => c.column).indexOf('citizen'));
  });

  it('a coded column the documentation calls a gender is a demographic covariate; a period marker of the time index is no outcome', () => {
    const columns = [col('rb090', { inferredType: 'categorical', duckdbType: 'VARCHAR', distinctCount: 2 }), col('pl030', { distinctCount: 7 })];
    const ranked = rank(columns, { columns: { rb090: "factor; the person's gender (levels male and female)", pl030: 'integer; economic status' } });
    expect(ranked.find((c) => c.column === 'rb090')!.reason).toContain('a demographic covariate');
    const panel = [col('year', { role: 'time-index', distinctCount: 5 }), col('post', { distinctCount: 3 }), col('trans', { distinctCount: 2 }), col('roa', { inferredType: 'float', distinctCount: 900 })];
    const probes = new Map([['post', { value: 1, feature: 'year', numericFeature: false }], ['trans', { value: 1, feature: 'year', numericFeature: false }], ['roa', { value: 0.1, feature: 'year' }]]);
    const byTime = candidateTargets(panel, 600, new Map(), [], { predictability: probes as never });
    expect(byTime.find((c) => c.column === 'trans')!.reason).toContain('a function of the time index');
    expect(byTime[0].column).toBe('roa');
  });

  it('a category among numeric measurements ranks above the last numeric column', () => {
    const acids = ['palmitic', 'stearic', 'oleic', 'linoleic', 'eicosenoic'].map((n) => col(n, { inferredType: 'float', distinctCount: 80 }));
    const ranked = rank([col('region', { inferredType: 'categorical', distinctCount: 3, duckdbType: 'VARCHAR' }), ...acids]);
    expect(ranked[0]).toMatchObject({ column: 'region', objective: 'multiclass' });
    expect(ranked[0].reason).toContain('a category among numeric measurements');
  });

  it('in a designed layout the one measurement among factors is the target; an age among survey answers is not', () => {
    const factor = (name: string, distinctCount: number, role: ColumnProfile['role'] = 'measure') => col(name, { inferredType: 'categorical', duckdbType: 'VARCHAR', distinctCount, role });
    const layout = [factor('reg', 3), factor('popu', 9), col('gen', { distinctCount: 24 }), factor('nutrient', 2, 'design'), factor('amd', 2, 'design'), col('total.fruits', { distinctCount: 126 }), factor('status', 3, 'design')];
    const ranked = rank(layout);
    expect(ranked[0].column).toBe('total.fruits');
    expect(ranked[0].reason).toContain('the one measurement among factors');
    // Without any design column the same shape is a survey: its one number (an age) gets nothing.
    const survey = [factor('released', 2), factor('colour', 2), factor('employed', 2), col('age', { distinctCount: 53 }), col('checks', { distinctCount: 7 })];
    expect(rank(survey).find((c) => c.column === 'age')!.reason).not.toContain('the one measurement');
  });

  it('an attribute of the subject of repeated measures ranks below what was measured on each row', () => {
    const columns = [
      col('SOUPFREQ', { inferredType: 'categorical', duckdbType: 'VARCHAR', distinctCount: 3 }),
      col('SURENESS', { distinctCount: 6, min: 1, max: 6 }),
      col('LOCATION', { inferredType: 'categorical', duckdbType: 'VARCHAR', distinctCount: 3 }),
    ];
    const ranked = candidateTargets(columns, 1800, new Map(), [], { table: 'soup', subjectAttributes: new Set(['SOUPFREQ', 'LOCATION']) });
    expect(ranked[0].column).toBe('SURENESS');
    expect(ranked.find((c) => c.column === 'SOUPFREQ')!.reason).toContain('an attribute of the subject');
    // A column that only starts with the table's name is not what the table is named after.
    expect(ranked.find((c) => c.column === 'SOUPFREQ')!.reason).not.toContain('named after');
    expect(candidateTargets([col('height', { inferredType: 'float' })], 300, new Map(), [], { table: 'heights' })[0].reason).toContain('named after');
  });

  it('outside a table of measurements, a category that another category determines is a coarser grouping; y1 is named like a target', () => {
    const probe = (feature: string, numericFeature = false) => ({ value: 1, feature, numericFeature });
    const columns = [col('reg', { inferredType: 'categorical', duckdbType: 'VARCHAR', distinctCount: 3 }), col('y1', { inferredType: 'float', distinctCount: 400 })];
    const ranked = candidateTargets(columns, 600, new Map(), [], { predictability: new Map([['reg', probe('popu')]]) as never });
    expect(ranked.find((c) => c.column === 'reg')!.reason).toContain('a coarser grouping of another column');
    expect(ranked.find((c) => c.column === 'y1')!.reason).toContain('name suggests a target');
  });

  it('a score on a scale of ten or more integers is a quantity; a seven-point rating stays classes', () => {
    const columns = [col('Selfesteem', { distinctCount: 19, min: 10, max: 40 }), col('Preference', { distinctCount: 7, min: 1, max: 7 })];
    const ranked = rank(columns, { columns: { Selfesteem: "Rosenberg's self-esteem scale", Preference: 'consumer score on a seven-point scale.' } });
    expect(ranked.find((c) => c.column === 'Selfesteem')).toMatchObject({ objective: 'regression' });
    expect(ranked.find((c) => c.column === 'Selfesteem')!.reason).toContain('a score on a scale');
    expect(ranked.find((c) => c.column === 'Preference')!.objective).toBe('multiclass');
  });
});
