import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PluginApi, Reporter } from '@mle-smith/core';
import reporterHtml, { buildCharts, escapeHtml, renderHtmlReport, vegaAssets } from './index.js';
import { scriptSafe } from './vega-assets.js';
import { readReportSections } from '@mle-smith/stats';
import { sampleRunSummary } from '@mle-smith/testkit';

/** The page without the contents of its <script> elements (the inlined libraries and data). */
const markup = (html: string) => html.replace(/(<script[^>]*>)[\s\S]*?(<\/script>)/g, '$1$2');
const chartIds = (html: string) => [...markup(html).matchAll(/data-chart="([^"]+)"/g)].map((m) => m[1]);

describe('renderHtmlReport', () => {
  const html = renderHtmlReport(sampleRunSummary());

  it('inlines vega, vega-lite and vega-embed and references nothing remote', () => {
    const libs = vegaAssets().map((a) => `${a.name}@${a.version}`);
    expect(libs[0]).toMatch(/^vega@6\./);
    expect(libs[1]).toMatch(/^vega-lite@6\.4\./);
    expect(libs[2]).toMatch(/^vega-embed@7\./);
    for (const l of libs) expect(html).toContain(`data-lib="${l}"`);
    expect(markup(html)).not.toMatch(/\s(src|href)=/i);
    const specs = /<script type="application\/json" id="mle-smith-charts">([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(specs).not.toMatch(/"url"\s*:/); // every chart carries its data inline
    expect(html).toContain("default-src 'none'");
  });

  it('leaves out the empty generation part of an eval or compare report', () => {
    const full = sampleRunSummary();
    const evalOnly = { ...full, datasets: [], tasks: [], funnel: { proposal: 0, spec: 0, package: 0, assertions: 0, review: 0, execution: 0 } };
    const html = renderHtmlReport(evalOnly);
    expect(html).not.toContain('<section id="run">');
    expect(html).not.toContain('data-chart="funnel"');
    expect(html).toContain('<section id="elo">');
    expect(renderHtmlReport(full)).toContain('<section id="run">');
  });

  it('has one container per chart, evaluation charts only with their sections', () => {
    expect(chartIds(html)).toEqual(['funnel', 'findings', 'ladder', 'elo', 'agreement-elo', 'bland-altman-elo', 'agreement-normalizedScore', 'bland-altman-normalizedScore']);
    const plain = renderHtmlReport(sampleRunSummary({ sections: false }));
    expect(chartIds(plain)).toEqual(['funnel', 'findings', 'ladder']);
    expect(plain).not.toContain('id="elo"');
  });

  it('keeps user text out of the markup', () => {
    const s = sampleRunSummary({ sections: false });
    s.tasks[0]!.reasons = ['<script>alert(1)</script>'];
    s.tasks[0]!.findings = [{ ruleId: '</script><b>x', severity: 'error', message: 'm', phase: 'spec' }];
    const out = renderHtmlReport(s);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).not.toContain('</script><b>x');
    expect(escapeHtml(`a"b'<`)).toBe('a&quot;b&#39;&lt;');
    expect(scriptSafe('x="</script>"; // <!--')).toBe('x="<\\/script>"; // <\\!--');
  });

  it('builds ladder data without failed baselines and a note for empty charts', () => {
    const s = sampleRunSummary({ sections: false });
    const charts = buildCharts(s, readReportSections(undefined));
    const ladder = charts.run[2]!.spec as { data: { values: Array<{ task: string; score: number }> } };
    expect(ladder.data.values.some((v) => v.task.startsWith('iris-petal-width') && v.score === null)).toBe(false);
    const empty = buildCharts({ ...s, tasks: [] }, {});
    expect(JSON.stringify(empty.run[1]!.spec)).toContain('No findings.');
  });
});

describe('plugin', () => {
  it('writes report.html into the run dir on onRunEnd', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'reporter-html-'));
    try {
      const reporters: Reporter[] = [];
      await reporterHtml({}).setup!({
        options: {},
        configDir: dir,
        log: { info: () => {}, warn: () => {}, debug: () => {} },
        addReporter: (r: Reporter) => reporters.push(r),
      } as unknown as PluginApi);
      expect(reporters.map((r) => r.id)).toEqual(['html']);
      await reporters[0]!.onRunEnd!({ ...sampleRunSummary(), runDir: dir });
      expect(await readFile(join(dir, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
