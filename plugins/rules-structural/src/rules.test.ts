import { describe, expect, it } from 'vitest';
import { ruleTester, runRule, useBrokenPackages } from '@mle-smith/testkit';
import type { PluginApi, VerifierRule } from '@mle-smith/core';
import plugin, {
  answersPerfectScore, constantSubmission, featureColumns, fileHeaders, filesPresent, idsConsistent, manifestSchema, metricObjective,
  packageMetricObjective, sampleSubmissionGrades, specSchema, splitColumn, splitSizes, structuralRules, targetColumns, targetNotPublic,
  testFraction, trainTestDisjoint, timeOrder, forecastCoverage,
} from './index.js';

const { pkg, spec } = useBrokenPackages();
const clean = pkg('clean');

describe('plugin', () => {
  it('registers every rule with a structural/ id', () => {
    const rules: VerifierRule[] = [];
    const api = { addVerifierRule: (r: VerifierRule) => rules.push(r) } as unknown as PluginApi;
    const p = plugin({});
    expect(p.name).toBe('rules-structural');
    p.setup?.(api);
    expect(rules.map((r) => r.id)).toEqual(structuralRules.map((r) => r.id));
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) expect(r.id).toMatch(/^structural\/[a-z-]+$/);
  });
});

// ---- spec phase ----
ruleTester(specSchema, {
  valid: [spec()],
  invalid: [
    { target: spec({ split: { strategy: 'random', testFraction: 1.5, seed: 1 } }), messageIncludes: '/split/testFraction' },
    { target: spec({ objective: 'clustering' as never }), messageIncludes: '/objective' },
  ],
});

ruleTester(metricObjective, {
  valid: [spec(), spec({ objective: 'regression', metric: { name: 'rmse' }, submission: { idColumn: 'id', predictionColumns: [{ name: 'y', type: 'number' }] } })],
  invalid: [
    { name: 'rmse on a multiclass task', target: spec({ objective: 'multiclass', metric: { name: 'rmse' } }), messageIncludes: ['rmse', 'multiclass'] },
    { name: 'unknown metric', target: spec({ metric: { name: 'nope' } }), messageIncludes: 'unknown metric' },
    { name: 'wrong direction', target: spec({ metric: { name: 'roc_auc', higherIsBetter: false } }), messageIncludes: 'higherIsBetter' },
  ],
});

ruleTester(targetColumns, {
  valid: [spec()],
  invalid: [
    { name: 'unknown table', target: spec({ table: 'nope' }), messageIncludes: 'not in the dataset profile' },
    { name: 'unknown source column', target: spec({ target: { name: 'churn', expression: 'churn', sourceColumns: ['churned'] } }), locationIncludes: '/target/sourceColumns/0' },
    { name: 'expression does not bind', target: spec({ target: { name: 'y', expression: 'spend > 3', sourceColumns: ['monthly_spend'] } }), messageIncludes: 'does not bind' },
    { name: 'undeclared source', target: spec({ target: { name: 'y', expression: 'monthly_spend > tenure', sourceColumns: ['monthly_spend'] } }), messageIncludes: 'not listed in target.sourceColumns' },
    { name: 'statement injection', target: spec({ target: { name: 'y', expression: "1; COPY customers TO '/tmp/x.csv'", sourceColumns: ['tenure'] } }), messageIncludes: 'single SQL expression' },
  ],
});

ruleTester(featureColumns, {
  valid: [spec({ derivedFeatures: [{ name: 'spend_per_call', expression: 'monthly_spend / (support_calls + 1)' }], filter: 'age >= 18' })],
  invalid: [
    { target: spec({ features: ['age', 'agee'] }), locationIncludes: '/features/1' },
    { target: spec({ derivedFeatures: [{ name: 'x', expression: 'nosuch + 1' }] }), messageIncludes: 'derived feature "x" does not bind' },
    { target: spec({ filter: 'age + 1' }), messageIncludes: 'boolean' },
  ],
});

ruleTester(splitColumn, {
  valid: [spec(), spec({ split: { strategy: 'group', by: 'household', testFraction: 0.25, seed: 1 } })],
  invalid: [
    { target: spec({ split: { strategy: 'group', by: 'houshold', testFraction: 0.25, seed: 1 } }), messageIncludes: 'houshold' },
    { target: spec({ split: { strategy: 'time', by: 'region', testFraction: 0.25, seed: 1 } }), messageIncludes: 'time split column' },
  ],
});

ruleTester(testFraction, {
  valid: [spec()],
  invalid: [
    { target: spec({ split: { strategy: 'random', testFraction: 0.8, seed: 1 } }), messageIncludes: 'between 0.05 and 0.5' },
    { target: spec(), options: { minTestRows: 500 }, messageIncludes: 'test rows' },
  ],
});

describe('structural/test-fraction on small tables', () => {
  /** The clean spec target with its table cut to `rows` rows. */
  const sized = (rows: number, testFraction = 0.2) => async () => {
    const t = await spec({ split: { strategy: 'random', testFraction, seed: 1 } })();
    return { ...t, profile: { ...t.profile, tables: t.profile.tables.map((tb) => (tb.name === t.spec.table ? { ...tb, rowCount: rows } : tb)) } };
  };

  it('a 60-row table: too few test rows at 0.2, with what a repair needs in data', async () => {
    const [f] = await runRule(testFraction, sized(60));
    expect(f.message).toMatch(/has 60 rows, so testFraction 0\.2 gives about 12 test rows \(< 20\); raise testFraction \(up to 0\.5\)/);
    expect(f.data).toMatchObject({ rows: 60, testFraction: 0.2, minTestRows: 20, minTrainRows: 20, maxFraction: 0.5, minFraction: 0.05, minRows: 40 });
    expect(await runRule(testFraction, sized(60, 0.34))).toEqual([]);
  });

  it('a 25-row table: one line naming the rows a task needs', async () => {
    const findings = await runRule(testFraction, sized(25));
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/^table "\w+" has 25 rows; a task needs at least 40 \(20 test rows at test fraction 0\.5\)$/);
    expect(findings[0].data).toMatchObject({ tooSmall: true, minRows: 40 });
  });

  it('too few train rows when the fraction leaves them short', async () => {
    expect(await runRule(testFraction, sized(45, 0.5))).toEqual([]);
    const [f] = await runRule(testFraction, sized(45, 0.5), { minTrainRows: 25 });
    expect(f.message).toMatch(/testFraction 0\.5 leaves about 22 train rows \(< 25\); lower testFraction$/);
    expect((await runRule(testFraction, sized(45, 0.5), { minTrainRows: 30 }))[0].message).toMatch(/has 45 rows; a task needs at least 50 \(20 test and 30 train rows\)/);
  });
});

// ---- package phase ----
ruleTester(filesPresent, {
  valid: [clean],
  invalid: [{ target: pkg('missing-description'), messageIncludes: 'description.md is missing' }],
});

ruleTester(manifestSchema, {
  valid: [clean],
  invalid: [{ target: async () => { const c = await clean(); return { ...c, manifest: { ...c.manifest, id: 'Bad Id!' } }; }, messageIncludes: '/id' }],
});

ruleTester(fileHeaders, {
  valid: [clean],
  invalid: [{ target: pkg('bad-sample-header'), messageIncludes: 'sample_submission.csv header' }],
});

ruleTester(packageMetricObjective, {
  valid: [clean],
  invalid: [{ target: pkg('metric-mismatch'), messageIncludes: ['rmse', 'multiclass'] }],
});

ruleTester(idsConsistent, {
  valid: [clean],
  invalid: [{ target: pkg('answer-ids-differ'), messageIncludes: 'not in public/test.csv', locationIncludes: 'private/answers.csv' }],
});

ruleTester(trainTestDisjoint, {
  valid: [clean],
  invalid: [
    { target: pkg('train-test-overlap'), messageIncludes: 'appear in both train.csv and test.csv' },
    { target: pkg('duplicate-rows'), messageIncludes: 'repeat a train row verbatim' },
  ],
});

ruleTester(targetNotPublic, {
  valid: [clean],
  invalid: [
    { target: pkg('target-in-test'), messageIncludes: 'contains the target column "churn"', locationIncludes: 'public/test.csv' },
    { target: pkg('sample-leaks-answers'), messageIncludes: 'leaks the answers' },
  ],
});

ruleTester(splitSizes, {
  valid: [clean],
  invalid: [
    { target: pkg('tiny-train'), messageIncludes: 'train.csv has 15 rows' },
    { target: clean, options: { minPerClass: 1000 }, messageIncludes: 'train row(s)' },
  ],
});

ruleTester(sampleSubmissionGrades, {
  valid: [clean],
  invalid: [{ target: pkg('bad-sample-header'), messageIncludes: 'missing prediction column' }],
});

ruleTester(answersPerfectScore, {
  valid: [clean, pkg('saturated')],
  invalid: [{ target: pkg('wrong-pos-label'), messageIncludes: 'rejected by the grader' }],
});

ruleTester(constantSubmission, {
  valid: [clean, pkg('saturated')],
  invalid: [{ target: pkg('single-class-test'), messageIncludes: 'trivial' }],
});

// ---- time rules (issue 16) ----
ruleTester(timeOrder, {
  valid: [pkg('clean-forecast'), pkg('clean-time-split'), clean],
  invalid: [
    { name: 'forecasting: one store\'s test weeks inside its train period', target: pkg('forecast-overlapping-periods'), messageIncludes: ['1 series (e.g. "east"', 'periods overlap'], locationIncludes: 'column "week"' },
    { name: 'tabular: a time split declared, the files split at random', target: pkg('time-split-overlap'), messageIncludes: ['the test set', 'periods overlap'], locationIncludes: 'column "tenure"' },
  ],
});

ruleTester(forecastCoverage, {
  valid: [pkg('clean-forecast'), pkg('clean-time-split'), clean],
  invalid: [
    { name: 'a series with train rows but none in test', target: pkg('forecast-missing-series'), messageIncludes: '1 series of train.csv have no test rows ("west")' },
    { name: 'a series with fewer than H test rows', target: pkg('forecast-ragged-horizon'), messageIncludes: '"south" with 5 rows at 5 times' },
  ],
});
