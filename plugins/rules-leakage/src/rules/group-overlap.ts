import { defineRule, type Issue } from '@mle-smith/core';
import { quoteLiteral as lit, quoteIdent as q } from '@mle-smith/data';
import { formatNumber as fmt, withPackage } from '@mle-smith/task-package';

export interface GroupOverlapOptions extends Record<string, unknown> {
  groupColumns: string[];
  maxSharedFraction: number;
}

export const groupOverlap = defineRule<'package', GroupOverlapOptions>({
  id: 'leakage/group-overlap',
  phase: 'package',
  severity: 'error',
  description:
    'For each group column (split.by of a group split, plus the groupColumns option) that is public, no group value occurs in both train.csv and test.csv ' +
    '(more than maxSharedFraction of test groups shared is an error).',
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      groupColumns: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
      maxSharedFraction: { type: 'number', minimum: 0, maximum: 1 },
    },
  },
  defaultOptions: { groupColumns: [], maxSharedFraction: 0 },
  async check({ taskDir, manifest }, { opts }) {
    const groups = new Set(opts.groupColumns);
    if (manifest.split?.strategy === 'group' && manifest.split.by) groups.add(manifest.split.by);
    if (groups.size === 0) return [];
    return withPackage(taskDir, ['train', 'test'], async (db, t) => {
      const issues: Issue[] = [];
      for (const g of groups) {
        if (!t.train.columns.includes(g) || !t.test.columns.includes(g)) continue;
        const shared = `SELECT ${q(g)} AS v FROM test WHERE ${q(g)} IS NOT NULL INTERSECT SELECT ${q(g)} FROM train`;
        const [{ n, total }] = await db.all<{ n: number; total: number }>(
          `SELECT (SELECT count(*) FROM (${shared}))::BIGINT AS n, (SELECT count(DISTINCT ${q(g)}) FROM test)::BIGINT AS total`,
        );
        const fraction = Number(total) ? Number(n) / Number(total) : 0;
        if (Number(n) > 0 && fraction > opts.maxSharedFraction) {
          const ex = await db.all<{ v: string }>(`SELECT v FROM (${shared}) ORDER BY v LIMIT 5`);
          issues.push({
            message: `${n} of ${total} "${g}" groups in test.csv (${fmt(fraction * 100, 3)}%) also occur in train.csv (e.g. ${ex.map((e) => lit(String(e.v))).join(', ')}); use a group split by "${g}" so each group is on one side`,
            location: `public/test.csv, column "${g}"`,
            data: { column: g, shared: Number(n), groups: Number(total), fraction, examples: ex.map((e) => e.v) },
          });
        }
      }
      return issues;
    });
  },
});

export const groupSplit = defineRule({
  id: 'leakage/group-split',
  phase: 'spec',
  severity: 'warning',
  description:
    'When the dataset profile names group columns (repeated measures of one subject) for the spec table, the split is a group split by one of them.',
  check({ spec, profile }) {
    const table = profile.tables.find((t) => t.name === spec.table) ?? profile.tables.find((t) => t.file === spec.table);
    const groups = table?.groupColumns ?? [];
    if (groups.length === 0 || !spec.split) return [];
    if (spec.split.strategy === 'group' && spec.split.by && groups.includes(spec.split.by)) return [];
    if (spec.split.strategy === 'time') return [];
    return [{
      message: `table "${table!.name}" has group column(s) ${groups.map((g) => `"${g}"`).join(', ')}, but the split is ${spec.split.strategy}${spec.split.by ? ` by "${spec.split.by}"` : ''}; rows of one group can land in both train and test — use {"strategy": "group", "by": "${groups[0]}"}`,
      location: '/split',
      data: { groupColumns: groups },
    }];
  },
});
