// Documented derivations (docs/column-roles.md): a column computed from another is that column
// again, banded or rescaled. Descriptions written the way R help pages describe them.
import { describe, expect, it } from 'vitest';
import { bandedOrScored, derivationPartners, derivationSources, documentedDerivations } from './derived-columns.js';

const col = (name: string, description?: string, distinctCount = 100) => ({ name, description, distinctCount });

describe('documented derivations', () => {
  const storms = [
    col('status', 'Storm classification (Tropical Depression, Tropical Storm, or Hurricane)', 3),
    col('category', 'Saffir-Simpson storm category (estimated from wind speed. -1 = Tropical Depression, 0 = Tropical Storm)', 7),
    col('wind', "storm's maximum sustained wind speed (in knots)", 31),
    col('pressure', "Air pressure at the storm's center (in millibars)", 124),
  ];
  const growth = [col('age', 'Age (years)'), col('hgt', 'Height (cm)'), col('wgt', 'Weight (kg)'), col('hgt.z', 'Height Z-score'), col('wgt.z', 'Weight Z-score')];

  it('reads "estimated / derived / computed from X" and names a source by its name or its description', () => {
    expect(derivationSources(storms[1], storms)).toEqual(['wind']);
    const bmi = [col('bmi', 'body mass index, computed from height and weight'), col('ht', 'height (cm)'), col('wt', 'weight (kg)')];
    expect(derivationSources(bmi[0], bmi)).toEqual(['ht', 'wt']);
    expect(derivationSources(storms[0], storms)).toEqual([]);
    expect(derivationSources(col('dist', 'distance to the river; obtained from the nearest grid cell'), [col('dist'), col('cell')])).toEqual([]);
  });

  it('reads a rescaled measure named after its source\'s description, and transforms in names', () => {
    expect(derivationSources(growth[4], growth)).toEqual(['wgt']);
    expect(derivationSources(col('lincome', 'log of income'), [col('lincome'), col('income', 'Income (dollars)')])).toEqual(['income']);
    expect(derivationSources(col('log_price'), [col('log_price'), col('price')])).toEqual(['price']);
    expect(derivationSources(col('wgt.z'), [col('wgt.z'), col('wgt')])).toEqual(['wgt']);
    // A name that only starts like a transform is none: `zinc` beside `inc`? Only when `inc` exists, and it does not here.
    expect(derivationSources(col('zinc', 'topsoil zinc concentration'), [col('zinc'), col('lead')])).toEqual([]);
  });

  it('reads the group-mean and group-mean-centred variants of a multilevel table as computed from their column', () => {
    const bh = [
      col('COHES', 'numeric Cohesion'), col('G.COHES', 'numeric Average Group Cohesion'), col('W.COHES', 'numeric Group-Mean Centered Cohesion'),
      col('WBEING', 'numeric Well-Being'), col('G.WBEING', 'numeric Average Group Well-Being'), col('W.WBEING', 'numeric Group-Mean Centered Well-Being'),
    ];
    expect(Object.fromEntries(documentedDerivations(bh))).toEqual({ 'G.COHES': ['COHES'], 'W.COHES': ['COHES'], 'G.WBEING': ['WBEING'], 'W.WBEING': ['WBEING'] });
    expect(derivationPartners('WBEING', bh)).toEqual(['G.WBEING', 'W.WBEING']);
    // A mean of something that is not a column of the table derives nothing.
    expect(derivationSources(col('temp', 'mean temperature of the day'), [col('temp'), col('rain', 'rainfall (mm)')])).toEqual([]);
    // "logistic …" is not "log" of anything.
    expect(derivationSources(col('p', 'logistic fit of the income'), [col('p'), col('income', 'income')])).toEqual([]);
  });

  it('pairs a target with what is computed from it and what it is computed from', () => {
    expect(derivationPartners('wind', storms)).toEqual(['category']);
    expect(derivationPartners('category', storms)).toEqual(['wind']);
    expect(derivationPartners('wgt', growth)).toEqual(['wgt.z']);
    expect(derivationPartners('age', growth)).toEqual([]);
    expect([...documentedDerivations(growth).keys()].sort()).toEqual(['hgt.z', 'wgt.z']);
  });

  it('a band or a reference score marks its source as the quantity; a centred or logged covariate and an index of several do not', () => {
    expect([...bandedOrScored(storms)]).toEqual([['wind', 'category']]);
    expect(new Map(bandedOrScored(growth))).toEqual(new Map([['hgt', 'hgt.z'], ['wgt', 'wgt.z']]));
    const ticks = [col('HEIGHT', 'height above sea level (meters)', 63), col('cHEIGHT', 'centered height, derived from HEIGHT', 63)];
    expect(derivationPartners('HEIGHT', ticks)).toEqual(['cHEIGHT']);
    expect(bandedOrScored(ticks).size).toBe(0);
    const bmi = [col('bmi', 'body mass index, computed from height and weight', 300), col('ht', 'height (cm)'), col('wt', 'weight (kg)')];
    expect(bandedOrScored(bmi).size).toBe(0);
  });
});
