import { defineRule, type Issue } from '@mle-smith/core';
import { timeToEventPartners, type OutcomeColumn } from '@mle-smith/data';

const CLASSIFICATION = new Set(['binary', 'multiclass']);

export const timeToEvent = defineRule({
  id: 'leakage/time-to-event',
  phase: 'spec',
  severity: 'error',
  description:
    'A follow-up study records one outcome in two columns, how long each subject was followed and whether the event ended the follow-up; both are known ' +
    'only at its end. From the names and the descriptions in the TaskSpec: a classification task on the event indicator (a censoring or event status) has ' +
    'no follow-up time among its features ("Survival time in days", "time to progression or last follow-up", "years at risk", "date of exit"), and a task ' +
    'on the follow-up time has no event indicator among them.',
  check({ spec }) {
    const described = spec.description?.columns ?? {};
    const source = spec.target.sourceColumns.length === 1 ? spec.target.sourceColumns[0] : spec.target.name;
    // A classification target is the event side; a number (or a label derived from one) is the time side.
    const target: OutcomeColumn = {
      name: source,
      description: described[spec.target.name],
      ...(CLASSIFICATION.has(spec.objective) && source === spec.target.name ? {} : { distinctCount: Number.MAX_SAFE_INTEGER }),
    };
    const features = (spec.features ?? []).map((name) => ({ name, description: described[name] }));
    const issues: Issue[] = [];
    for (const column of timeToEventPartners(target, features)) {
      const i = spec.features.indexOf(column);
      issues.push({
        message: `feature "${column}" is the other half of the target's time-to-event outcome (${described[column] ?? column}): it is known only at the end of follow-up; drop it`,
        location: `/features/${i}`,
        data: { column },
      });
    }
    return issues;
  },
});
