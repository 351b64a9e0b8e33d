// Time-to-event outcomes (docs/column-roles.md): the follow-up time and the event indicator are one
// outcome. Descriptions written the way R help pages describe follow-up studies.
import { describe, expect, it } from 'vitest';
import { isEventIndicator, isFollowUpTime, timeToEventColumns, timeToEventPartners } from './time-to-event.js';

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
      'Event times',
      'the time-to-event (in years).',
      'Time from operation until death in days.',
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
    for (const d of ['censoring status 1=censored, 2=dead', 'status at endpoint, 0/1/2 for censored, transplant, dead', 'indicator for relapse', '1 = progression observed, 0 = censored', 'CHD event, a numeric vector (1=CHD event, 0=no event)', 'Coronary heart disease event: 0 = none; 1 = yes', 'Cause of failure. 1: induced abortion, 2: live birth, 3: spontaneous abortion']) {
      expect(isEventIndicator(col('x', d, 2)), d).toBe(true);
    }
    expect(isEventIndicator(col('status', undefined, 2))).toBe(true);
    expect(isEventIndicator(col('etype', 'event type: 1=recurrence,2=death', 2))).toBe(false);
    expect(isEventIndicator(col('status', 'the type of event 0 = censored, 1 = dementia onset and 2 = death', 3))).toBe(true);
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

  it('pairs a duration with the yes/no indicator of the same event when no follow-up words are used', () => {
    const feeding = [
      col('duration', 'Duration of breast feeding, weeks', 49), col('delta', 'Indicator of completed breast feeding (1=yes, 0=no)', 2),
      col('agemth', 'Age of mother at birth of child', 14), col('smoke', 'Mother smoked at birth of child (1=yes, 0=no)', 2),
      col('poverty', 'Mother in poverty (1=yes, 0=no)', 2),
    ];
    expect(timeToEventPartners(feeding[1], feeding)).toEqual(['duration']);
    expect(timeToEventPartners(feeding[0], feeding)).toEqual(['delta']);
    expect([...timeToEventColumns(feeding)].sort()).toEqual(['delta', 'duration']);
    const infection = [col('time', 'Time to reinfection', 543), col('rinfct', 'Reinfection (1=yes, 0=no)', 2), col('abdpain', 'Presence of abdominal pain (1=yes, 0=no)', 2)];
    expect(timeToEventPartners(infection[1], infection)).toEqual(['time']);
    const pneumonia = [col('chldage', 'Age child had pneumonia, months', 13), col('hospital', 'Indicator for hospitalization for pneumonia (1=yes, 0=no)', 2), col('mthage', 'Age of the mother, years', 16)];
    expect(timeToEventPartners(pneumonia[1], pneumonia)).toEqual(['chldage']);
  });
});
