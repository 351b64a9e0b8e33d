// The metric registry: every built-in metric by name, lookup with "@k" cut-offs, and the metrics
// that suit an objective. Plugins may register more (api.addMetric goes through register()).
import type { Metric, Objective } from '@mle-smith/core';
import { classificationMetrics } from './classification.js';
import { forecastingMetrics } from './forecasting.js';
import { multilabelMetrics } from './multilabel.js';
import { probabilityMetrics } from './probability.js';
import { rankingMetric } from './ranking.js';
import { regressionMetrics } from './regression.js';

export interface MetricRegistry {
  /** Adds a metric; a name that is taken already is an error. */
  register(metric: Metric): void;
  /** The metric called `name`, or undefined. "map@5"/"ndcg@10" give a metric with that cut-off. */
  get(name: string): Metric | undefined;
  /** Every registered metric, sorted by name. */
  list(): Metric[];
  /** Metrics that declare `objective` among their objectives, sorted by name. */
  forObjective(objective: Objective): Metric[];
}

export function builtinMetrics(): Metric[] {
  return [
    ...classificationMetrics(),
    ...probabilityMetrics(),
    ...regressionMetrics(),
    rankingMetric('map'),
    rankingMetric('ndcg'),
    ...multilabelMetrics(),
    ...forecastingMetrics(),
  ];
}

/** A registry holding the built-in metrics (pass `false` for an empty one). */
export function createMetricRegistry(withBuiltins = true): MetricRegistry {
  const byName = new Map<string, Metric>();
  const registry: MetricRegistry = {
    register(metric) {
      if (byName.has(metric.name)) throw new Error(`metric "${metric.name}" is registered already`);
      byName.set(metric.name, metric);
    },
    get(name) {
      const found = byName.get(name);
      if (found) return found;
      const m = /^(map|ndcg)@(\d+)$/.exec(name);
      if (m && byName.has(`${m[1]}@k`) && Number(m[2]) >= 1) {
        const base = byName.get(`${m[1]}@k`)!;
        const k = Number(m[2]);
        return { ...base, name, score: (t, p, params) => base.score(t, p, { ...params, k }) };
      }
      return undefined;
    },
    list() {
      return [...byName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    forObjective(objective) {
      return registry.list().filter((m) => m.objectives.includes(objective));
    },
  };
  if (withBuiltins) for (const m of builtinMetrics()) registry.register(m);
  return registry;
}

const defaultRegistry = createMetricRegistry();

/** The built-in metric called `name`; throws listing the known names when there is none. */
export function getMetric(name: string): Metric {
  const m = defaultRegistry.get(name);
  if (!m) throw new Error(`unknown metric "${name}"; known metrics: ${listMetrics().map((x) => x.name).join(', ')}`);
  return m;
}

export function listMetrics(): Metric[] {
  return defaultRegistry.list();
}

export function metricsForObjective(objective: Objective): Metric[] {
  return defaultRegistry.forObjective(objective);
}
