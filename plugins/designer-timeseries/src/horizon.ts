// The forecast horizon H, the series kept and the seasonal period m of a task, by the rule written
// in docs/modalities.md: the M4 competition's horizon for the frequency, raised so that the test
// set holds at least the share and the number of rows the structural rules ask of every task;
// series with fewer than max(minSeriesLength, 3H) observed steps are left out.
import { seasonalPeriodOf, type Frequency } from '@mle-smith/data';

/** Horizons of the M4 competition (Makridakis et al., 2020) by frequency. */
export const M4_HORIZONS: Record<Frequency, number> = { Y: 6, Q: 8, M: 18, W: 13, D: 14, H: 48 };

export interface HorizonInput {
  frequency: Frequency;
  /** Observed steps (rows with a target) of every series. */
  seriesLengths: number[];
  /** Rows of the raw table with a target: what the structural test-fraction rule counts (fewer than the observations for a wide table). */
  rawRows: number;
  /** Series with fewer observed steps are never kept. Default 24. */
  minSeriesLength?: number;
  /** The structural rules' minimum test share and test rows (rules-structural test-fraction: 0.05, 20). */
  minTestFraction?: number;
  minTestRows?: number;
}

export interface Horizon {
  horizon: number;
  /** Series with fewer observed steps than this are left out: max(minSeriesLength, 3H). */
  minLength: number;
  /** Test rows / all rows of the kept series: H × series / observations, rounded up to 4 decimals. */
  testFraction: number;
  /** m for seasonal naive and MASE: the frequency's cycle, 1 when the shortest train part holds fewer than two cycles. */
  seasonalPeriod: number;
  /** Why H is what it is, for the justification and description. */
  reason: string;
}

function horizonFor(frequency: Frequency, lengths: number[], rawRows: number, minFraction: number, minRows: number): { horizon: number; reason: string } {
  const series = lengths.length;
  const observations = lengths.reduce((a, b) => a + b, 0);
  const base = M4_HORIZONS[frequency];
  // floor(rawRows × H·S/N) ≥ minRows and H·S/N ≥ minFraction.
  const raised = Math.max(Math.ceil((minFraction * observations) / series), Math.ceil((minRows * observations) / (rawRows * series) - 1e-9));
  if (raised <= base) return { horizon: base, reason: `the M4 horizon for ${frequency} data` };
  return { horizon: raised, reason: `raised from the M4 horizon ${base} so that the test set holds ≥ ${Math.round(minFraction * 100)} % of the observations and ≥ ${minRows} rows` };
}

/** H, the length a series needs and m, or the reason there is no task (every series too short). */
export function forecastHorizon(input: HorizonInput): Horizon | string {
  const { frequency, rawRows } = input;
  const minSeries = input.minSeriesLength ?? 24;
  const minFraction = input.minTestFraction ?? 0.05;
  const minRows = input.minTestRows ?? 20;
  let kept = input.seriesLengths.filter((n) => n >= minSeries);
  if (kept.length === 0) return `no series has ${minSeries} observed steps (longest: ${Math.max(0, ...input.seriesLengths)})`;
  let h = horizonFor(frequency, kept, rawRows, minFraction, minRows);
  // Leaving out short series changes the share the test set needs; a few rounds settle it.
  for (let round = 0; round < 5; round++) {
    const next = kept.filter((n) => n >= 3 * h.horizon);
    if (next.length === 0) return `a horizon of ${h.horizon} needs series of ${3 * h.horizon} observed steps; the longest has ${Math.max(...kept)}`;
    if (next.length === kept.length) break;
    kept = next;
    h = horizonFor(frequency, kept, rawRows, minFraction, minRows);
  }
  const shortest = Math.min(...kept);
  const cycle = seasonalPeriodOf(frequency);
  const seasonalPeriod = cycle > 1 && shortest - h.horizon >= 2 * cycle + 1 ? cycle : 1;
  const testFraction = Math.ceil(((h.horizon * kept.length) / kept.reduce((a, b) => a + b, 0)) * 1e4) / 1e4;
  return { horizon: h.horizon, minLength: Math.max(minSeries, 3 * h.horizon), testFraction, seasonalPeriod, reason: h.reason };
}
