import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PluginApi, Reporter } from '@mle-smith/core';
import reporterMarkdown, { renderMarkdownReport, writeMarkdownReport } from './index.js';
import { sampleRunSummary } from '@mle-smith/testkit';

/** The rows of the Markdown table that follows `heading`. */
function tableAfter(md: string, heading: string): string[][] {
  const start = md.indexOf(heading);
  expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
  const lines = md.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (let i = first + 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    rows.push(lines[i]!.slice(2, -2).split(/(?<!\\)\|/).map((c) => c.trim()));
  }
  return rows;
}

describe('renderMarkdownReport', () => {
  const md = renderMarkdownReport(sampleRunSummary());

  it('has the funnel from proposals to accepted tasks', () => {
    const rows = tableAfter(md, '## Funnel');
    expect(rows.map((r) => r[1])).toEqual(['11', '9', '8', '6', '6', '5', '**3**']);
    expect(rows[6]![2]).toBe('27%');
    expect(md).toContain('| broken | — | 0 | 0 | no table found in dataset folder |');
  });

  it('lists tasks with verdict and reasons', () => {
    const rows = tableAfter(md, '## Tasks');
    expect(rows).toHaveLength(5);
    const alcohol = rows.find((r) => r[0] === '`wine-alcohol`')!;
    expect(alcohol[2]).toBe('rmse ↓');
    expect(alcohol[3]).toBe('❌ rejected');
    expect(alcohol[6]).toContain('execution/ladder-margin');
    expect(alcohol[6]).toContain('<br>');
  });

  it('shows the ladder per task with one column per tier', () => {
    const rows = tableAfter(md, '## Baseline ladder');
    expect(rows.find((r) => r[0] === '`iris-species`')!.slice(2)).toEqual(['0.333', '0.9', '0.947']);
    expect(rows.find((r) => r[0] === '`iris-petal-width`')![3]).toBe('failed');
  });

  it('counts findings by rule and severity', () => {
    const rows = tableAfter(md, '## Findings by rule');
    expect(rows.find((r) => r[0] === '`structural/min-rows`')!.slice(1)).toEqual(['0', '2', '0', 'diabetes-progression, wine-alcohol']);
  });

  it('totals the LLM ledger', () => {
    const rows = tableAfter(md, '## LLM usage');
    const total = rows.at(-1)!;
    expect(total[2]).toBe('**4**');
    expect(total[3]).toBe('1');
    expect(total[4]).toBe('**28400**');
    expect(total[6]).toBe('**$0.0259**');
  });

  it('with an LLM configured, shows per role what the model and what the fallback produced', () => {
    const llm = {
      backend: 'openai', model: 'm-1', endpoint: 'http://127.0.0.1:8000/v1', fallback: 'deterministic' as const,
      roles: { brainstormer: { llm: 1, fallback: 0 }, refactor: { llm: 2, fallback: 1 } }, outcomes: [],
    };
    const withLedger = renderMarkdownReport({ ...sampleRunSummary({ sections: false }), llm });
    expect(withLedger).toContain('Agent roles (m-1 at http://127.0.0.1:8000/v1; `llm.fallback`: deterministic)');
    expect(tableAfter(withLedger, 'Agent roles')).toEqual([['brainstormer', '1', '0'], ['refactor', '2', '1']]);
    // Every call failed and fell back: no ledger, and the report does not claim the run was offline.
    const allFellBack = renderMarkdownReport({ ...sampleRunSummary({ sections: false }), ledger: [], llm });
    expect(allFellBack).toContain('No model call succeeded.');
    expect(allFellBack).not.toContain('deterministic strategies).');
  });

  it('renders eval, elo and agreement sections', () => {
    const scores = tableAfter(md, '## Evaluation scores');
    expect(scores).toHaveLength(30);
    expect(tableAfter(md, '### generated∪human')).toHaveLength(5);
    const elo = tableAfter(md, '### generated\n');
    expect(elo[0]![1]).toBe('gbm-agent');
    expect(elo[0]![3]).toMatch(/^\d+ – \d+$/);
    const agreement = tableAfter(md, '## Agreement: generated vs human');
    expect(agreement.map((r) => r[0])).toContain('Kendall τb');
    expect(Number(agreement.find((r) => r[0] === 'Pearson r')![1])).toBeGreaterThan(0.8);
  });

  it('leaves the evaluation sections out when absent', () => {
    const plain = renderMarkdownReport(sampleRunSummary({ sections: false }));
    expect(plain).not.toContain('## Elo');
    expect(plain).not.toContain('## Agreement');
    expect(plain).toContain('## Funnel');
  });

  it('names a malformed section instead of failing', () => {
    const s = { ...sampleRunSummary({ sections: false }), sections: { elo: { rows: 'nope' } } };
    expect(renderMarkdownReport(s)).toContain('malformed: elo');
  });
});

describe('writing', () => {
  it('writeMarkdownReport and the plugin write report.md', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reporter-md-'));
    try {
      expect(await writeMarkdownReport(sampleRunSummary(), dir)).toBe(join(dir, 'report.md'));
      const reporters: Reporter[] = [];
      await reporterMarkdown({ fileName: 'r.md' }).setup!({
        options: {},
        configDir: dir,
        log: { info: () => {}, warn: () => {}, debug: () => {} },
        addReporter: (r: Reporter) => reporters.push(r),
      } as unknown as PluginApi);
      await reporters[0]!.onRunEnd!({ ...sampleRunSummary(), runDir: dir });
      expect(await readFile(join(dir, 'r.md'), 'utf8')).toContain('# MLE-Smith report');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
