import { defineRule } from '@mle-smith/core';
import { timeToEventPartners, type OutcomeColumn } from '@mle-smith/data';
import { featureIssues, specOutcome } from '../spec-features.js';

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
    const { described, source } = specOutcome(spec);
    // A classification target is the event side; a number (or a label derived from one) is the time side.
    const target: OutcomeColumn = {
      name: source,
      description: described[spec.target.name],
      ...(CLASSIFICATION.has(spec.objective) && source === spec.target.name ? {} : { distinctCount: Number.MAX_SAFE_INTEGER }),
    };
    const features = (spec.features ?? []).map((name) => ({ name, description: described[name] }));
    return featureIssues(
      spec,
      timeToEventPartners(target, features),
      (column) => `feature "${column}" is the other half of the target's time-to-event outcome (${described[column] ?? column}): it is known only at the end of follow-up; drop it`,
    );
  },
});
