import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  customersChurnSpec, customersSpendSpec, fieldTrialSpec, materializeFixturePackage, ruleTester, runRule, useBrokenPackages,
} from '@mle-smith/testkit';
import type { PackageTarget, PluginApi, TaskSpec, VerifierRule } from '@mle-smith/core';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { namedVariant } from './rules/monotone-transform.js';
import { namedPart } from './rules/sub-count.js';
import plugin, {
  classConfined, duplicateRows, functionalDependency, groupOverlap, groupSplit, leakageRules, linearCombination, monotoneTransform, rowOrder, singleFeature,
  specTargetSources, subCount, recordedByClass, targetBinning, targetSources, futureValues, timeToEvent, documentedDerivation, pairComparison,
} from './index.js';

const { pkg, spec, corpus } = useBrokenPackages();
const clean = pkg('clean');

/** A regression package (monthly_spend) with an optional derived feature. */
function regression(name: string, derived: Array<{ name: string; expression: string }>): () => Promise<PackageTarget> {
  let built: Promise<PackageTarget> | undefined;
  return () =>
    (built ??= corpus().then((c) =>
      materializeFixturePackage(c.rawDir, join(c.root, name), {
        ...customersChurnSpec(),
        id: name,
        objective: 'regression',
        target: { name: 'monthly_spend', expression: 'monthly_spend', sourceColumns: ['monthly_spend'] },
        features: ['age', 'region', 'tenure', 'support_calls', 'household'],
        derivedFeatures: derived,
        dropColumns: ['customer_id', 'account_closed', 'upgrade', 'churn', 'plan'],
        metric: { name: 'rmse', higherIsBetter: false, params: {} },
        split: { strategy: 'random', testFraction: 0.25, seed: 3 },
        submission: { idColumn: 'id', predictionColumns: [{ name: 'monthly_spend', type: 'number' }] },
      }),
    ));
}

describe('plugin', () => {
  it('registers every rule with a leakage/ id', () => {
    const rules: VerifierRule[] = [];
    const p = plugin({});
    p.setup?.({ addVerifierRule: (r: VerifierRule) => rules.push(r) } as unknown as PluginApi);
    expect(rules.map((r) => r.id)).toEqual(leakageRules.map((r) => r.id));
    for (const r of rules) expect(r.id).toMatch(/^leakage\/[a-z-]+$/);
  });
});

ruleTester(singleFeature, {
  valid: [clean, pkg('saturated'), pkg('metric-mismatch'), regression('reg-clean', [])],
  invalid: [
    { name: 'binary: a copy of the target', target: pkg('feature-copies-target'), messageIncludes: '"account_closed"', locationIncludes: 'column "account_closed"' },
    { name: 'binary: the derived target\'s source', target: pkg('derived-target-source'), messageIncludes: '"monthly_spend"' },
    { name: 'regression: a rescaled target', target: regression('reg-leak', [{ name: 'spend_cents', expression: 'monthly_spend * 100' }]), messageIncludes: '"spend_cents"' },
    { name: 'regression: a monotone transform', target: regression('reg-log', [{ name: 'log_spend', expression: 'exp(monthly_spend / 10)' }]), messageIncludes: ['"log_spend"', 'rank_r2'] },
    { name: 'multiclass: the target, binned', target: pkg('metric-mismatch'), options: { threshold: 0.3 }, messageIncludes: 'predicts the target "plan"' },
  ],
});

ruleTester(targetSources, {
  valid: [clean, pkg('saturated')],
  invalid: [{ target: pkg('derived-target-source'), messageIncludes: ['"monthly_spend"', 'still public'] }],
});

ruleTester(specTargetSources, {
  valid: [spec(), spec({ target: { name: 'high_spender', expression: 'monthly_spend > 80', sourceColumns: ['monthly_spend'] }, features: ['age', 'tenure'] })],
  invalid: [
    { target: spec({ target: { name: 'high_spender', expression: 'monthly_spend > 80', sourceColumns: ['monthly_spend'] }, features: ['age', 'monthly_spend'] }), locationIncludes: '/features/1' },
    {
      target: spec({
        target: { name: 'high_spender', expression: 'monthly_spend > 80', sourceColumns: ['monthly_spend'] },
        features: ['age'],
        derivedFeatures: [{ name: 'spend_k', expression: '"monthly_spend" / 1000' }],
      }),
      messageIncludes: 'derived feature "spend_k" reads "monthly_spend"',
    },
  ],
});

/** The churn package with derived features: a "match" between two scores whose comparison may decide the churn label. */
function churnWith(name: string, derived: Array<{ name: string; expression: string }>): () => Promise<PackageTarget> {
  let built: Promise<PackageTarget> | undefined;
  return () =>
    (built ??= corpus().then((c) =>
      materializeFixturePackage(c.rawDir, join(c.root, name), { ...customersChurnSpec(), id: name, derivedFeatures: derived }),
    ));
}

ruleTester(pairComparison, {
  valid: [
    clean,
    { name: 'two scores whose comparison says nothing of the label', target: churnWith('pair-clean', [{ name: 'score_a', expression: 'support_calls' }, { name: 'score_b', expression: 'tenure % 7' }]) },
  ],
  invalid: [
    {
      name: 'the label is which score is larger (a result beside both teams\' goals)',
      target: churnWith('pair-leak', [{ name: 'goals_for', expression: '(tenure % 5) + churn' }, { name: 'goals_against', expression: '(tenure % 5) + 1 - churn' }]),
      messageIncludes: ['"goals_for"', '"goals_against"', 'which of public features'],
      locationIncludes: 'columns "goals_for" and "goals_against"',
    },
  ],
});

// A churn study read as a follow-up study: `tenure` is how long each customer was followed, `churn` whether it ended in a cancellation.
const followUp = { tenure: 'months of follow-up until the cancellation or the end of the study', age: 'age in years', churn: 'cancellation event: 1 = cancelled, 0 = censored' };
ruleTester(timeToEvent, {
  valid: [
    spec(),
    spec({ description: { overview: 'Each row is one customer.', columns: { ...followUp, tenure: 'months as a customer when the survey was taken' } } }),
    { name: 'the follow-up time of a study without its event indicator among the features', target: spec({ objective: 'regression', target: { name: 'tenure', expression: 'tenure', sourceColumns: ['tenure'] }, features: ['age', 'region'], description: { overview: 'Each row is one customer.', columns: followUp } }) },
  ],
  invalid: [
    { target: spec({ description: { overview: 'Each row is one customer.', columns: followUp } }), messageIncludes: ['feature "tenure"', 'time-to-event'], locationIncludes: '/features/' },
    {
      name: 'a label derived from the follow-up time with the event indicator public',
      target: spec({
        objective: 'binary', target: { name: 'tenure_above_median', expression: 'CASE WHEN tenure > 12 THEN 1 ELSE 0 END', sourceColumns: ['tenure'] }, features: ['age', 'region', 'churn'],
        description: { overview: 'Each row is one customer.', columns: { ...followUp, tenure_above_median: `label derived from tenure (${followUp.tenure})` } },
      }),
      messageIncludes: 'feature "churn"',
      locationIncludes: '/features/2',
    },
  ],
});

// A spend study whose codebook bands the spend into a tier and rescales it to a Z-score.
const banded = {
  monthly_spend: 'Monthly spend (dollars)',
  spend_tier: 'Spending tier (estimated from monthly spend: 1 = low, 2 = mid, 3 = high)',
  spend_z: 'Monthly spend Z-score',
  age: 'age in years',
};
ruleTester(documentedDerivation, {
  valid: [
    spec(),
    { name: 'a band of another column than the target', target: spec({ objective: 'regression', target: { name: 'age', expression: 'age', sourceColumns: ['age'] }, features: ['spend_tier', 'tenure'], description: { overview: 'Each row is one customer.', columns: banded } }) },
  ],
  invalid: [
    {
      name: 'the target banded, as a feature',
      target: spec({ objective: 'regression', target: { name: 'monthly_spend', expression: 'monthly_spend', sourceColumns: ['monthly_spend'] }, features: ['age', 'spend_tier'], description: { overview: 'Each row is one customer.', columns: banded } }),
      messageIncludes: ['feature "spend_tier"', 'computed one from the other'],
      locationIncludes: '/features/1',
    },
    {
      name: 'the target rescaled to a Z-score, as a feature',
      target: spec({ objective: 'regression', target: { name: 'monthly_spend', expression: 'monthly_spend', sourceColumns: ['monthly_spend'] }, features: ['spend_z', 'age'], description: { overview: 'Each row is one customer.', columns: banded } }),
      messageIncludes: 'feature "spend_z"',
      locationIncludes: '/features/0',
    },
    {
      name: 'a band as the target, its source as a feature',
      target: spec({ objective: 'multiclass', target: { name: 'spend_tier', expression: 'spend_tier', sourceColumns: ['spend_tier'] }, features: ['age', 'monthly_spend'], description: { overview: 'Each row is one customer.', columns: banded } }),
      messageIncludes: 'feature "monthly_spend"',
    },
  ],
});

ruleTester(duplicateRows, {
  valid: [clean, pkg('saturated')],
  invalid: [
    { target: pkg('duplicate-rows'), severity: 'error', messageIncludes: 'exactly repeat' },
    { target: pkg('near-duplicate-rows'), severity: 'error', messageIncludes: 'nearly repeat' },
    { target: pkg('near-duplicate-rows'), options: { errorFraction: 0.5 }, severity: 'warning', messageIncludes: 'nearly repeat' },
    { name: 'repeats of a coarse feature space that disagree on the target only warn', target: pkg('clean-coarse'), severity: 'warning', messageIncludes: 'repeated rows disagree on the target' },
  ],
});

ruleTester(rowOrder, {
  valid: [clean, pkg('saturated'), regression('reg-order', []), { name: 'forecasting: rows follow series and time, which are public', target: pkg('clean-forecast') }],
  invalid: [
    { target: pkg('sorted-by-target'), messageIncludes: 'row order of public/train.csv' },
    { target: pkg('sorted-by-target'), messageIncludes: 'id "id"', locationIncludes: 'column "id"' },
  ],
});

ruleTester(groupOverlap, {
  valid: [clean],
  invalid: [
    { target: pkg('group-leak'), messageIncludes: '"household" groups', locationIncludes: 'column "household"' },
    { target: clean, options: { groupColumns: ['household'] }, messageIncludes: 'use a group split by "household"' },
  ],
});

ruleTester(groupSplit, {
  valid: [spec({ split: { strategy: 'group', by: 'household', testFraction: 0.25, seed: 1 } })],
  invalid: [{ target: spec(), severity: 'warning', messageIncludes: '"strategy": "group"' }],
});

/** A package of the corpus' raw tables built from `spec` on first use (field_trial.csv when `fieldTrial`). */
function built(name: string, spec: () => TaskSpec, fieldTrial = false): () => Promise<PackageTarget> {
  let p: Promise<PackageTarget> | undefined;
  return () => (p ??= corpus().then((c) => materializeFixturePackage(fieldTrial ? c.fieldTrialDir : c.rawDir, join(c.root, name), { ...spec(), id: name })));
}
/** monthly_spend regression (plan is a feature) with extra derived features. */
const spendWith = (name: string, derivedFeatures: TaskSpec['derivedFeatures']) => built(name, () => ({ ...customersSpendSpec(), derivedFeatures }));
const cleanRegression = pkg('clean-regression');
const trialYield = built('trial-yield', fieldTrialSpec, true);
/** A field-trial task whose target is a plot-level column, with the plot number public. */
const trialPlotLevel = (target: string, objective: 'multiclass' | 'regression', classes?: string[]) =>
  built(`trial-${target}`, () => ({
    ...fieldTrialSpec(),
    objective,
    target: { name: target, expression: target, sourceColumns: [target] },
    features: ['plot', 'season', 'rainfall', 'yield'],
    dropColumns: ['block', 'variety', 'nitrogen'].filter((c) => c !== target),
    metric: objective === 'multiclass' ? { name: 'accuracy', higherIsBetter: true, params: {} } : { name: 'rmse', higherIsBetter: false, params: {} },
    submission: { idColumn: 'id', predictionColumns: [{ name: target, type: objective === 'multiclass' ? 'string' : 'number' }], ...(classes ? { classes } : {}) },
  }), true);
const spendBand = "CASE WHEN monthly_spend < 50 THEN 'low' WHEN monthly_spend < 90 THEN 'medium' ELSE 'high' END";

ruleTester(targetBinning, {
  valid: [
    clean,
    pkg('saturated'),
    { name: 'regression: plan, a noisy cut of spend whose spend intervals overlap', target: cleanRegression },
    { name: 'multiclass plan: its classes overlap on monthly_spend', target: pkg('metric-mismatch') },
    { name: 'field trial yield: no feature cuts it', target: trialYield },
    { name: 'a separation less unlikely than maxChance does not count', target: pkg('target-threshold'), options: { maxChance: 1e-80 } },
    { name: 'a flag for the target outside an interval with a few rows on the wrong side is no cut', target: spendWith('spend-unusual-noisy', [{ name: 'unusual_spend', expression: 'CASE WHEN (monthly_spend < 40 OR monthly_spend > 100) <> (hash(age, tenure) % 7 = 0) THEN 1 ELSE 0 END' }]) },
    { name: 'a three-level cut is not checked with maxBins 2', target: spendWith('spend-level-2', [{ name: 'spend_level', expression: spendBand }]), options: { maxBins: 2 } },
  ],
  invalid: [
    {
      name: 'regression: a 0/1 flag target < 50',
      target: pkg('target-threshold'),
      messageIncludes: ['"low_spender" is a threshold or binning of the target "monthly_spend"', '1 → [', '0 → ['],
      locationIncludes: 'column "low_spender"',
    },
    {
      name: 'regression: a flag for the target outside an interval (an outlier flag, both tails)',
      target: spendWith('spend-unusual', [{ name: 'unusual_spend', expression: 'CASE WHEN monthly_spend < 40 OR monthly_spend > 100 THEN 1 ELSE 0 END' }]),
      messageIncludes: ['"unusual_spend" is a two-sided threshold of the target "monthly_spend"', 'is 0 exactly for the target in [', 'and 1 outside'],
      locationIncludes: 'column "unusual_spend"',
    },
    {
      name: 'regression: a low/medium/high cut of the target',
      target: spendWith('spend-level', [{ name: 'spend_level', expression: spendBand }]),
      messageIncludes: ['"spend_level"', 'its 3 values', 'low → [', 'medium → [', 'high → ['],
    },
    {
      name: 'multiclass: the target is a binning of a public feature',
      target: built('spend-band', () => ({
        ...customersSpendSpec(),
        objective: 'multiclass',
        target: { name: 'spend_band', expression: spendBand, sourceColumns: ['monthly_spend'] },
        features: ['age', 'region', 'tenure', 'monthly_spend'],
        metric: { name: 'accuracy', higherIsBetter: true, params: {} },
        submission: { idColumn: 'id', predictionColumns: [{ name: 'spend_band', type: 'string' }], classes: ['high', 'low', 'medium'] },
      })),
      messageIncludes: 'the target "spend_band" is a binning of public feature "monthly_spend"',
      locationIncludes: 'column "monthly_spend"',
    },
  ],
});

ruleTester(classConfined, {
  valid: [
    clean,
    cleanRegression,
    pkg('saturated'),
    pkg('feature-copies-target'),
    { name: 'more of the other class inside the band than maxOverlap', target: pkg('post-outcome-feature'), options: { maxOverlap: 0.02 } },
  ],
  invalid: [
    {
      name: 'binary: an exit fee only churners pay, waived for a few',
      target: pkg('post-outcome-feature'),
      messageIncludes: ['"exit_fee"', 'churn = "0"'],
      locationIncludes: 'column "exit_fee"',
    },
  ],
});

describe('leakage/class-confined', () => {
  it('catches what leakage/single-feature lets through: the waived fees keep the ROC AUC under 0.99', async () => {
    const target = await pkg('post-outcome-feature')();
    const single = await runRule(singleFeature, target);
    expect(single.filter((f) => f.message.includes('"exit_fee"'))).toEqual([]);
    const [finding] = await runRule(classConfined, target);
    expect(finding.data).toMatchObject({ column: 'exit_fee', label: '0' });
    expect(finding.data?.overlap).toBeGreaterThan(0);
    expect(finding.data?.overlap).toBeLessThanOrEqual(0.05);
  });
});

/** The churn task with a feature recorded for every churner and for every `keptEvery`-th other customer (an exit interview's score). */
const churnWithRecorded = (name: string, keptEvery: number) =>
  built(name, () => ({
    ...customersChurnSpec(),
    derivedFeatures: [{ name: 'exit_score', expression: `CASE WHEN churn = 1 OR customer_id % ${keptEvery} = 0 THEN (customer_id * 37 % 11) END` }],
  }));

ruleTester(recordedByClass, {
  valid: [
    clean,
    cleanRegression,
    pkg('post-outcome-feature'),
    { name: 'a feature missing at random in both classes', target: built('churn-missing-at-random', () => ({ ...customersChurnSpec(), derivedFeatures: [{ name: 'exit_score', expression: 'CASE WHEN customer_id % 3 <> 0 THEN tenure END' }] })) },
    {
      name: 'missing on half of one class and a tenth of the other: no record made because of the outcome',
      target: built('churn-recorded-often', () => ({
        ...customersChurnSpec(),
        derivedFeatures: [{ name: 'exit_score', expression: 'CASE WHEN (churn = 1 AND customer_id % 10 <> 0) OR (churn = 0 AND customer_id % 2 = 0) THEN (customer_id * 37 % 11) END' }],
      })),
    },
  ],
  invalid: [
    {
      name: 'binary: a score recorded for every churner and a few others',
      target: churnWithRecorded('churn-recorded', 20),
      messageIncludes: ['"exit_score" is recorded because of the outcome', 'churn = "0"', 'and on 0 % of those with "1"'],
      locationIncludes: 'column "exit_score"',
    },
  ],
});

ruleTester(functionalDependency, {
  valid: [
    clean,
    cleanRegression,
    pkg('saturated'),
    pkg('metric-mismatch'),
    { name: 'field trial yield: it varies within plots and blocks', target: trialYield },
    { name: 'fewer covered rows than minCoverage', target: pkg('target-functional-dependency'), options: { minCoverage: 0.9 } },
  ],
  invalid: [
    {
      name: 'multiclass: block = plot div 2, with plot public',
      target: pkg('target-functional-dependency'),
      messageIncludes: ['the target "block" is constant within each value of public feature "plot"', 'share their value with another row'],
      locationIncludes: 'column "plot"',
    },
    {
      name: 'multiclass: a plot-level variety, with plot public',
      target: trialPlotLevel('variety', 'multiclass', ['amber', 'bristol', 'cobalt', 'delta']),
      messageIncludes: '"variety" is constant within each value of public feature "plot"',
    },
    {
      name: 'regression: a plot-level nitrogen dose, with plot public',
      target: trialPlotLevel('nitrogen', 'regression'),
      messageIncludes: '"nitrogen" is constant within each value of public feature "plot"',
    },
  ],
});

/** spend plus a per-customer offset of −5..5: close to the target, but no transform of it. */
const noisySpend = spendWith('spend-noisy', [{ name: 'spend_approx', expression: 'monthly_spend + (customer_id * 7 % 11) - 5' }]);

ruleTester(monotoneTransform, {
  valid: [clean, cleanRegression, trialYield, { name: 'a noisy copy is not a transform', target: noisySpend }],
  invalid: [
    { name: 'ln(target)', target: pkg('target-monotone-transform'), messageIncludes: ['"log_spend" is a non-linear monotone transform', 'increasing'], locationIncludes: 'column "log_spend"' },
    { name: 'target in cents', target: spendWith('spend-cents', [{ name: 'spend_cents', expression: 'monthly_spend * 100' }]), messageIncludes: ['"spend_cents" is a linear rescaling', 'increasing'] },
    { name: 'a reciprocal', target: spendWith('spend-inverse', [{ name: 'per_unit', expression: '1000 / monthly_spend' }]), messageIncludes: ['"per_unit"', 'decreasing'] },
    { name: 'a noisy copy with a lower threshold', target: noisySpend, options: { threshold: 0.98 }, messageIncludes: '"spend_approx"' },
    {
      name: 'an adjusted version of the target by name (adjdep of depression), noisy',
      target: spendWith('spend-adjusted', [{ name: 'adjmonthly', expression: 'monthly_spend + (customer_id * 7 % 11) * 3 - 15' }]),
      messageIncludes: ['"adjmonthly" is by its name a version (adj) of the target'],
    },
  ],
});

describe('namedVariant', () => {
  it('a variant prefix plus the start of the target name', () => {
    expect(namedVariant('adjdep', 'depression')).toBe('a version (adj)');
    expect(namedVariant('log_price', 'price')).toBe('a version (log)');
    expect(namedVariant('adjsimp', 'depression')).toBeUndefined();
    expect(namedVariant('lot_size', 'lot')).toBeUndefined();
    expect(namedVariant('logins', 'login_count')).toBeUndefined();
  });
});

/** total = a + b + c, each part a share of the spend that varies by customer. */
const share = (mod: number, div: number): string => `(0.2 + (customer_id % ${mod}) / ${div}.0)`;
const partA = `round(monthly_spend * ${share(5, 10)}, 2)`;
const partB = `round((monthly_spend - ${partA}) * ${share(7, 12)}, 2)`;
const threeParts = spendWith('spend-parts', [
  { name: 'part_a', expression: partA },
  { name: 'part_b', expression: partB },
  { name: 'part_c', expression: `monthly_spend - ${partA} - ${partB}` },
]);
/** (low + high) / 2 is the spend ± up to 0.5, by customer: close, but not exact. */
const noisyBounds = spendWith('spend-bounds-noisy', [
  { name: 'low_bound', expression: 'monthly_spend - (customer_id * 37 % 41)' },
  { name: 'high_bound', expression: 'monthly_spend + (customer_id * 37 % 41) + ((customer_id * 13 % 5) - 2) / 2.0' },
]);

/** (min + max) / 2 with a typo in max on the customers whose id is a multiple of 97 (about 1% of rows). */
const typoBounds = spendWith('spend-bounds-typo', [
  { name: 'min_spend', expression: 'monthly_spend - (customer_id * 37 % 41)' },
  { name: 'max_spend', expression: 'monthly_spend + (customer_id * 37 % 41) + CASE WHEN customer_id % 97 = 0 THEN 60 ELSE 0 END' },
]);

ruleTester(linearCombination, {
  valid: [
    clean,
    cleanRegression,
    trialYield,
    { name: 'a combination off by noise', target: noisyBounds },
    { name: 'a three-feature combination with maxTerms 2', target: threeParts, options: { maxTerms: 2 } },
    { name: 'a feature that fits the target alone is left to the one-feature rules', target: spendWith('spend-cents-lc', [{ name: 'spend_cents', expression: 'monthly_spend * 100' }]) },
    { name: 'an identity with typos when every row must hold', target: typoBounds, options: { minExactShare: 1 } },
  ],
  invalid: [
    {
      name: 'price = (min + max) / 2',
      target: pkg('target-linear-combination'),
      messageIncludes: ['linear combination of public features', '"min_spend"', '"max_spend"', '0.5·max_spend', '0.5·min_spend'],
      locationIncludes: 'columns',
    },
    { name: 'total = a + b + c', target: threeParts, messageIncludes: ['"part_a"', '"part_b"', '"part_c"', '+ 1·part_'] },
    { name: 'a near combination with a lower threshold', target: noisyBounds, options: { threshold: 0.999 }, messageIncludes: ['"low_bound"', '"high_bound"'] },
    {
      name: 'an identity a few typo rows hide from the least-squares fit',
      target: typoBounds,
      messageIncludes: ['"min_spend"', '"max_spend"', 'monthly_spend = 0 + 0.5·', 'exactly on', 'least-squares R²'],
    },
  ],
});

describe('new leakage findings name the public features to drop', () => {
  // The tabular designer's repair drops data.column / data.columns of an error finding.
  it.each([
    ['leakage/target-binning', targetBinning, 'target-threshold', ['low_spender']],
    ['leakage/functional-dependency', functionalDependency, 'target-functional-dependency', ['plot']],
    ['leakage/monotone-transform', monotoneTransform, 'target-monotone-transform', ['log_spend']],
    ['leakage/linear-combination', linearCombination, 'target-linear-combination', ['max_spend', 'min_spend']],
  ] as const)('%s', async (_id, rule, name, columns) => {
    const findings = await runRule(rule, pkg(name));
    expect(findings).toHaveLength(1);
    const d = findings[0].data ?? {};
    const named = [...(typeof d.column === 'string' ? [d.column] : []), ...(Array.isArray(d.columns) ? (d.columns as string[]) : [])];
    expect(findings[0].severity).toBe('error');
    expect(named.sort()).toEqual([...columns]);
  });
});

ruleTester(subCount, {
  valid: [
    clean,
    cleanRegression,
    { name: 'a bounded part without the target\'s name', target: spendWith('spend-share', [{ name: 'online', expression: 'round(monthly_spend * 0.5, 2)' }]) },
    { name: 'a name-sharing feature that exceeds the target', target: spendWith('spend-plus', [{ name: 'monthly_spend_total', expression: 'monthly_spend + 20 + customer_id % 7' }]) },
  ],
  invalid: [
    { name: 'night-time fatalities of all fatalities', target: pkg('target-sub-count'), messageIncludes: ['"monthly_spend_online" is a part of the target "monthly_spend"'] },
  ],
});

describe('namedPart', () => {
  it('the feature name holds the whole target name', () => {
    expect(namedPart('nfatal', 'fatal')).toBe(true);
    expect(namedPart('fatal1517', 'fatal')).toBe(true);
    expect(namedPart('fatal', 'fatal')).toBe(false);
    expect(namedPart('pop', 'population')).toBe(false);
    expect(namedPart('ab_x', 'ab')).toBe(false);
  });
});

describe('a target derived from a hidden column', () => {
  it('features that leak the hidden source are reported through the package\'s private copy of it', async () => {
    const target = await pkg('derived-label-source-leak')();
    const findings = await runRule(linearCombination, async () => target);
    expect(findings.map((f) => f.data?.derivedFrom)).toEqual(['monthly_spend']);
    expect(findings[0].message).toContain('the target "high_spender" is derived from "monthly_spend"');
    expect((findings[0].data?.columns as string[]).sort()).toEqual(['max_spend', 'min_spend']);
  });

  it('without the private copy only the label itself is checked', async () => {
    const c = await corpus();
    const target = await materializeFixturePackage(c.rawDir, join(c.root, 'label-no-source'), {
      ...(await pkg('derived-label-source-leak')()).manifest.spec, id: 'label-no-source',
    });
    await rm(join(target.taskDir, 'private/target-source.csv'));
    expect(await runRule(linearCombination, async () => target)).toEqual([]);
  });
});

ruleTester(linearCombination, {
  valid: [{ name: 'parts that add up loosely (±10% of the total)', target: spendWith('spend-loose-parts', [
    { name: 'big_part', expression: '300 + (customer_id * 37 % 41) * 10' },
    { name: 'rest_part', expression: '700 - monthly_spend - (customer_id * 37 % 41) * 10 + ((customer_id * 7 % 13) - 6) * 15' },
  ]) }],
  invalid: [
    { name: 'protein of water + fat + protein ≈ 99', target: pkg('target-composition'), messageIncludes: ['parts of a whole', '"big_part"', '"rest_part"'] },
    {
      // the whole's sd is 0.6 of the target's (protein: 1.7 beside 3.0), so without the target it varies only ~4x as much
      name: 'a composition whose whole still varies a third as much as the target',
      target: spendWith('spend-spread-whole', [
        { name: 'big_part', expression: '300 + (customer_id * 37 % 41) * 10' },
        { name: 'rest_part', expression: '700 - monthly_spend - (customer_id * 37 % 41) * 10 + ((customer_id * 7 % 13) - 6) * 4.6' },
      ]),
      messageIncludes: ['parts of a whole', '"big_part"', '"rest_part"'],
    },
  ],
});

/** A log-odds of two shares, with both shares public: y = ln(online / total). */
const logRatio = built('spend-log-ratio', () => ({
  ...customersSpendSpec(),
  target: { name: 'log_share', expression: 'ln(monthly_spend / (monthly_spend + 10 + customer_id % 17))', sourceColumns: ['monthly_spend'] },
  derivedFeatures: [
    { name: 'online', expression: 'monthly_spend' },
    { name: 'total', expression: 'monthly_spend + 10 + customer_id % 17' },
  ],
  submission: { idColumn: 'id', predictionColumns: [{ name: 'log_share', type: 'number' }] },
}));

ruleTester(linearCombination, {
  valid: [{ name: 'the same shares without the log-ratio target', target: spendWith('spend-two-shares', [{ name: 'online_half', expression: 'monthly_spend / 2 + customer_id % 13' }, { name: 'other', expression: '10 + customer_id % 17' }]) }],
  invalid: [
    { name: 'a log-odds of two public shares: y = ln(online / total)', target: logRatio, messageIncludes: ['the log of a product or ratio', '"online"', '"total"', 'ln(online / total)'] },
  ],
});

describe('leakage/duplicate-rows on files typed differently', () => {
  it('compares a column that is text in train.csv and numbers in test.csv as text instead of failing to cast', async () => {
    const c = await corpus();
    const source = await clean();
    const dir = join(c.root, 'region-typed-apart');
    await cp(source.taskDir, dir, { recursive: true });
    const test = (await readFile(join(dir, 'public/test.csv'), 'utf8')).split('\n');
    const at = test[0].split(',').indexOf('region');
    const numbered = test.map((line, i) => (i === 0 || !line ? line : line.split(',').map((v, j) => (j === at ? String(i % 4) : v)).join(',')));
    await writeFile(join(dir, 'public/test.csv'), numbered.join('\n'));
    const findings = await runRule(duplicateRows, async () => ({ ...source, taskDir: dir }));
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

ruleTester(futureValues, {
  valid: [
    { name: 'forecasting: promotions, temperature and last week\'s sales (a lag) are honest', target: pkg('clean-forecast') },
    { name: 'not a forecasting task: nothing to check', target: clean },
  ],
  invalid: [
    { name: 'a centred 3-week moving average of the target', target: pkg('forecast-centred-average'), messageIncludes: ['feature "sales_ma3"', 'drop it or lag it'], locationIncludes: 'column "sales_ma3"' },
    { name: 'the target shifted backwards (next week\'s sales)', target: pkg('forecast-lead-feature'), messageIncludes: ['feature "next_week_sales"', 'largest weight at t+1'] },
  ],
});
