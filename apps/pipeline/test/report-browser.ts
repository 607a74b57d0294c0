// Opens a report in Debian's Chromium (playwright-core, headless) with the network cut: every request
// that is not file:, data: or about: is aborted and recorded, so a test can assert none was attempted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export interface Opened {
  page: Page;
  /** Milliseconds from navigation to the page's ready flag (charts in the DOM, fonts loaded), or to
   * the load event when script is off. */
  readyMs: number;
  /** URLs the page tried to fetch that were not local; must stay empty. */
  blocked: string[];
  close(): Promise<void>;
}

export async function openReport(file: string, width = 1100, javaScript = true): Promise<Opened> {
  const profile = mkdtempSync(join(tmpdir(), 'akhbar-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width, height: 900 },
    offline: true,
    javaScriptEnabled: javaScript,
  });
  const blocked: string[] = [];
  const local = (url: string) => /^(file|data|about|blob):/.test(url);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (local(url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('request', (req) => {
    if (!local(req.url()) && !blocked.includes(req.url())) blocked.push(req.url());
  });
  const started = performance.now();
  await page.goto(`file://${file}`, { waitUntil: 'load', timeout: 30_000 });
  // Without script there is no ready flag: wait for the inlined fonts instead.
  if (javaScript) await page.waitForSelector('html[data-ready]', { timeout: 30_000 });
  else await page.waitForLoadState('load');
  const readyMs = performance.now() - started;
  return {
    page,
    readyMs,
    blocked,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
