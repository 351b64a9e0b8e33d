// Opens a self-contained HTML report in Debian's headless Chromium (through playwright-core),
// with every non-file request aborted, and reads back the state of its charts.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ChartState {
  id: string | null;
  rendered: string | null;
  /** svg or canvas elements inside the chart container. */
  svg: number;
  /** Drawn marks (paths, lines, rects, texts) inside the chart's svg. */
  marks: number;
}

export interface OpenedReport {
  page: Page;
  consoleErrors: string[];
  /** Requests to anything but file:, data: or blob: URLs (all aborted). */
  offline: string[];
  charts(): Promise<ChartState[]>;
}

export interface ReportBrowser {
  open(htmlPath: string): Promise<OpenedReport>;
  close(): Promise<void>;
}

export async function launchReportBrowser(): Promise<ReportBrowser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'mle-smith-chromium-'));
  // launchPersistentContext owns --user-data-dir, so every launch gets a fresh, empty profile.
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
  return {
    async open(htmlPath) {
      const page = await context.newPage();
      const consoleErrors: string[] = [];
      const offline: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') consoleErrors.push(m.text());
      });
      page.on('pageerror', (e) => consoleErrors.push(e.message));
      page.on('request', (r) => {
        if (!/^(file|data|blob):/.test(r.url())) offline.push(r.url());
      });
      await page.goto(pathToFileURL(htmlPath).href);
      await page.waitForSelector('body[data-rendered="true"]', { timeout: 60_000 });
      const charts = (): Promise<ChartState[]> =>
        page.$$eval('[data-chart]', (figs) =>
          figs.map((f) => ({
            id: f.getAttribute('data-chart'),
            rendered: f.getAttribute('data-rendered'),
            svg: f.querySelectorAll('svg').length + f.querySelectorAll('canvas').length,
            marks: f.querySelectorAll('svg g[class*="role-mark"] > path, svg g[class*="role-mark"] > text, svg g[class*="role-mark"] > line, svg g[class*="role-mark"] > rect').length,
          })),
        );
      return { page, consoleErrors, offline, charts };
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
