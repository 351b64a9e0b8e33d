// The sampling frequency of a time index, from the typical distance between consecutive
// timestamps, and how many steps of that frequency lie between two timestamps (to count gaps).

/** Pandas-style frequency codes: hourly, daily, weekly, monthly, quarterly, yearly. */
export type Frequency = 'H' | 'D' | 'W' | 'M' | 'Q' | 'Y';

export const FREQUENCY_NAMES: Record<Frequency, string> = { H: 'hourly', D: 'daily', W: 'weekly', M: 'monthly', Q: 'quarterly', Y: 'yearly' };

const DAY = 86_400;

/** [frequency, smallest, largest typical step in seconds]; calendar months and years vary in length. */
const STEP_RANGES: Array<[Frequency, number, number]> = [
  ['H', 3_300, 3_900],
  ['D', DAY * 0.95, DAY * 1.05],
  ['W', DAY * 6.5, DAY * 7.5],
  ['M', DAY * 28, DAY * 31],
  ['Q', DAY * 89, DAY * 92],
  ['Y', DAY * 365, DAY * 366],
];

/**
 * The frequency whose step is the median distance (in seconds) between consecutive timestamps of
 * a series; undefined for anything else (irregular or unsupported sampling). The median makes a
 * few gaps (a missing month, weekends in business-day data) not change the frequency.
 */
export function frequencyOfStep(medianStepSeconds: number): Frequency | undefined {
  if (!Number.isFinite(medianStepSeconds) || medianStepSeconds <= 0) return undefined;
  return STEP_RANGES.find(([, lo, hi]) => medianStepSeconds >= lo && medianStepSeconds <= hi)?.[0];
}

/** Steps of `frequency` from one timestamp to another (whole calendar months for M/Q/Y), in JS. */
export function stepsBetween(frequency: Frequency, from: Date, to: Date): number {
  const months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  const seconds = (to.getTime() - from.getTime()) / 1000;
  switch (frequency) {
    case 'H': return Math.round(seconds / 3600);
    case 'D': return Math.round(seconds / DAY);
    case 'W': return Math.round(seconds / (7 * DAY));
    case 'M': return months;
    case 'Q': return Math.round(months / 3);
    case 'Y': return Math.round(months / 12);
  }
}

/** The same count as `stepsBetween`, as a DuckDB expression over two DATE/TIMESTAMP expressions. */
export function stepsBetweenSql(frequency: Frequency, from: string, to: string): string {
  const months = `((year(${to}) - year(${from})) * 12 + month(${to}) - month(${from}))`;
  const seconds = `(epoch(CAST(${to} AS TIMESTAMP)) - epoch(CAST(${from} AS TIMESTAMP)))`;
  switch (frequency) {
    case 'H': return `round(${seconds} / 3600)`;
    case 'D': return `round(${seconds} / ${DAY})`;
    case 'W': return `round(${seconds} / ${7 * DAY})`;
    case 'M': return months;
    case 'Q': return `round(${months} / 3)`;
    case 'Y': return `round(${months} / 12)`;
  }
}

/** The usual seasonal period of a frequency (steps per cycle): 24 hours, 7 days, 52 weeks, 12 months, 4 quarters, none for years. */
export function seasonalPeriodOf(frequency: Frequency): number {
  return { H: 24, D: 7, W: 52, M: 12, Q: 4, Y: 1 }[frequency];
}
