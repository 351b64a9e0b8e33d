import { describe, expect, it } from 'vitest';
import { forecastHorizon, M4_HORIZONS, type Horizon } from './horizon.js';

const horizon = (input: Parameters<typeof forecastHorizon>[0]): Horizon => {
  const h = forecastHorizon(input);
  if (typeof h === 'string') throw new Error(h);
  return h;
};

describe('forecastHorizon (docs/modalities.md, horizon rule)', () => {
  it('takes the M4 horizon of the frequency when the test set is large enough', () => {
    const lengths = Array(46).fill(187);
    expect(horizon({ frequency: 'M', seriesLengths: lengths, rawRows: 8602 })).toMatchObject({ horizon: 18, seasonalPeriod: 12, minLength: 54 });
    expect(horizon({ frequency: 'Q', seriesLengths: Array(10).fill(40), rawRows: 400 })).toMatchObject({ horizon: 8, seasonalPeriod: 4 });
    expect(horizon({ frequency: 'D', seriesLengths: Array(5).fill(200), rawRows: 1000 })).toMatchObject({ horizon: 14, seasonalPeriod: 7 });
    expect(horizon({ frequency: 'Y', seriesLengths: Array(5).fill(60), rawRows: 300 })).toMatchObject({ horizon: 6, seasonalPeriod: 1 });
    expect(M4_HORIZONS).toEqual({ Y: 6, Q: 8, M: 18, W: 13, D: 14, H: 48 });
  });

  it('raises H until the test set holds 5 % of the observations and 20 rows as the structural rules count them', () => {
    // One monthly series of 741 steps: 5 % is 37.05 → 38.
    expect(horizon({ frequency: 'M', seriesLengths: [741], rawRows: 741 })).toMatchObject({ horizon: 38, testFraction: 0.0513 });
    // Wide: 96 raw rows hold 4 series; the rule sees floor(96 × H·4/384) = H test rows → H ≥ 20.
    expect(horizon({ frequency: 'M', seriesLengths: [96, 96, 96, 96], rawRows: 96 }).horizon).toBe(20);
    // Long: the same data in 384 raw rows needs only 72 test rows → the M4 horizon.
    expect(horizon({ frequency: 'M', seriesLengths: [96, 96, 96, 96], rawRows: 384 }).horizon).toBe(18);
  });

  it('leaves out series shorter than max(minSeriesLength, 3H) and answers why when none is left', () => {
    const h = horizon({ frequency: 'M', seriesLengths: [30, 120, 120], rawRows: 270 });
    expect(h).toMatchObject({ horizon: 18, minLength: 54 });
    expect(h.testFraction).toBe(Math.ceil(((18 * 2) / 240) * 1e4) / 1e4);
    expect(forecastHorizon({ frequency: 'M', seriesLengths: [40, 50], rawRows: 90 })).toMatch(/horizon of 18 needs series of 54/);
    expect(forecastHorizon({ frequency: 'M', seriesLengths: [10, 12], rawRows: 22 })).toMatch(/no series has 24 observed steps/);
  });

  it('drops the season when the shortest train part holds fewer than two cycles', () => {
    expect(horizon({ frequency: 'M', seriesLengths: [60], rawRows: 60 })).toMatchObject({ horizon: 20, seasonalPeriod: 12 });
    expect(horizon({ frequency: 'W', seriesLengths: [100], rawRows: 100 }).seasonalPeriod).toBe(1);
  });
});
