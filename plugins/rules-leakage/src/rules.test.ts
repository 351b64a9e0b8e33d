import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customersChurnSpec, materializeFixturePackage, ruleTester, useBrokenPackages } from '@mle-smith/testkit';
import type { PackageTarget, PluginApi, VerifierRule } from '@mle-smith/core';
import plugin, { duplicateRows, groupOverlap, groupSplit, leakageRules, rowOrder, singleFeature, specTargetSources, targetSources } from './index.js';

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

ruleTester(duplicateRows, {
  valid: [clean, pkg('saturated')],
  invalid: [
    { target: pkg('duplicate-rows'), severity: 'error', messageIncludes: 'exactly repeat' },
    { target: pkg('near-duplicate-rows'), severity: 'error', messageIncludes: 'nearly repeat' },
    { target: pkg('near-duplicate-rows'), options: { errorFraction: 0.5 }, severity: 'warning', messageIncludes: 'nearly repeat' },
  ],
});

ruleTester(rowOrder, {
  valid: [clean, pkg('saturated'), regression('reg-order', [])],
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
