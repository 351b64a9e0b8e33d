// Opens report.html in headless Chromium (testkit's launchReportBrowser: Debian's /usr/bin/chromium
// through playwright-core) from a file:// URL with the network blocked, and checks that every
// chart was drawn.
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '@mle-smith/core';
import { launchReportBrowser, sampleRunSummary, type ReportBrowser } from '@mle-smith/testkit';
import { writeHtmlReport } from './index.js';

const ARTIFACTS = fileURLToPath(new URL('../.test-artifacts/', import.meta.url));

let browser: ReportBrowser;
let outDir: string;

beforeAll(async () => {
  browser = await launchReportBrowser();
  outDir = await mkdtemp(join(tmpdir(), 'mle-smith-report-'));
});

afterAll(async () => {
  await browser?.close();
  await rm(outDir, { recursive: true, force: true });
});

async function open(summary: RunSummary, name: string) {
  const path = await writeHtmlReport(summary, join(outDir, name));
  return { ...(await browser.open(path)), path };
}

describe('report.html in headless Chromium', () => {
  it('renders every chart offline, without console errors', async () => {
    const { page, path, consoleErrors, offline, charts: chartState } = await open(sampleRunSummary(), 'full');
    const charts = await chartState();
    expect(charts.map((c) => c.id)).toEqual([
      'funnel', 'findings', 'ladder', 'elo',
      'agreement-elo', 'bland-altman-elo', 'agreement-normalizedScore', 'bland-altman-normalizedScore',
    ]);
    for (const c of charts) {
      expect(c.rendered, `chart ${c.id} rendered`).toBe('true');
      expect(c.svg, `chart ${c.id} has an svg`).toBeGreaterThan(0);
      expect(c.marks, `chart ${c.id} has marks`).toBeGreaterThan(0);
    }
    // Specific marks: 7 funnel bars, one point per (solver, set) in the Elo chart, one per solver in a scatter.
    expect(await page.locator('[data-chart="funnel"] g.mark-rect.role-mark path').count()).toBe(7);
    expect(await page.locator('[data-chart="elo"] g.mark-symbol.role-mark path').count()).toBe(15);
    expect(await page.locator('[data-chart="agreement-elo"] g.mark-symbol.role-mark path').count()).toBe(5);
    expect(await page.locator('[data-chart="bland-altman-elo"] g.mark-rule.role-mark line').count()).toBe(3);
    expect(await page.locator('#agreement table').innerText()).toContain('Kendall τb');
    expect(await page.locator('#tasks').innerText()).toContain('execution/baseline-failed');
    expect(consoleErrors).toEqual([]);
    expect(offline).toEqual([]);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report-full.png'), fullPage: true });
    await copyFile(path, join(ARTIFACTS, 'report-full.html'));
    await page.close();
  });

  it('without evaluation sections shows only the run charts, still drawn', async () => {
    const { page, consoleErrors, offline, charts: chartState } = await open(sampleRunSummary({ sections: false }), 'plain');
    const charts = await chartState();
    expect(charts.map((c) => c.id)).toEqual(['funnel', 'findings', 'ladder']);
    expect(charts.every((c) => c.rendered === 'true' && c.marks > 0)).toBe(true);
    expect(await page.locator('#elo').count()).toBe(0);
    expect(await page.locator('#agreement').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    expect(offline).toEqual([]);
    await page.close();
  });

  it('an empty run still draws funnel, findings and ladder (with a note)', async () => {
    const summary: RunSummary = {
      runId: 'empty', runDir: '/runs/empty', startedAt: '2025-06-02T08:00:00.000Z', finishedAt: '2025-06-02T08:00:01.000Z',
      datasets: [], funnel: { proposal: 0, spec: 0, package: 0, assertions: 0, review: 0, execution: 0 }, tasks: [], ledger: [],
    };
    const { page, consoleErrors, charts: chartState } = await open(summary, 'empty');
    const charts = await chartState();
    expect(charts.map((c) => [c.id, c.rendered])).toEqual([['funnel', 'true'], ['findings', 'true'], ['ladder', 'true']]);
    expect(await page.locator('[data-chart="findings"]').innerText()).toContain('No findings.');
    expect(consoleErrors).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'report-empty.png'), fullPage: true });
    await page.close();
  });
});
