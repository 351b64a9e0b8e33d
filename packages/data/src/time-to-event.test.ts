// Time-to-event outcomes (docs/column-roles.md): the follow-up time and the event indicator are one
// outcome. Descriptions written the way R help pages describe follow-up studies.
import { describe, expect, it } from 'vitest';
import { isEventIndicator, isFollowUpTime, timeToEventPartners } from './time-to-event.js';

const col = (name: string, description?: string, distinctCount?: number) => ({ name, description, distinctCount });

describe('time-to-event outcomes', () => {
  it('reads follow-up times from their descriptions', () => {
    for (const d of [
      'Survival time in days',
      'days until event or censoring',
      'Time to progression or last follow-up (years)',
      'Observation (follow up) time: Days',
      'number of years at risk, a numeric vector.',
      'date of exit from the follow-up study',
      'number of days between registration and the earlier of death, transplantation, or study analysis',
      'The age (in months) of the resident on death, leaving the centre or the end of the study',
    ]) expect(isFollowUpTime(col('t', d, 200)), d).toBe(true);
    expect(isFollowUpTime(col('futime', undefined, 200))).toBe(true);
  });

  it('a baseline time, a duration without an event, or a code is no follow-up time', () => {
    for (const d of ['date of entry into follow-up study', 'Age in years at entry', 'amount of time spent awake, in hours', 'time of day the sample was taken']) {
      expect(isFollowUpTime(col('t', d, 200)), d).toBe(false);
    }
    expect(isFollowUpTime(col('t', 'Survival time in days', 2))).toBe(false);
  });

  it('reads event indicators from names and descriptions, not event types', () => {
    for (const d of ['censoring status 1=censored, 2=dead', 'status at endpoint, 0/1/2 for censored, transplant, dead', 'indicator for relapse', '1 = progression observed, 0 = censored', 'CHD event, a numeric vector (1=CHD event, 0=no event)', 'Coronary heart disease event: 0 = none; 1 = yes']) {
      expect(isEventIndicator(col('x', d, 2)), d).toBe(true);
    }
    expect(isEventIndicator(col('status', undefined, 2))).toBe(true);
    expect(isEventIndicator(col('etype', 'event type: 1=recurrence,2=death', 2))).toBe(false);
    expect(isEventIndicator(col('status', 'censoring status', 40))).toBe(false);
    expect(isEventIndicator(col('smoker', 'current smoker, 1 = yes', 2))).toBe(false);
  });

  it('pairs each half with the other, and nothing without both halves', () => {
    const table = [col('time', 'Survival time in days', 186), col('status', 'censoring status 1=censored, 2=dead', 2), col('age', 'Age in years', 42), col('etype', 'event type: 1=recurrence,2=death', 2)];
    expect(timeToEventPartners(table[1], table)).toEqual(['time']);
    expect(timeToEventPartners(table[0], table)).toEqual(['status']);
    expect(timeToEventPartners(table[2], table)).toEqual([]);
    const noTime = [col('status', 'censoring status', 2), col('age', 'Age in years', 42)];
    expect(timeToEventPartners(noTime[0], noTime)).toEqual([]);
  });
});
