// The report in Debian's Chromium, network off: every chart drawn with the expected number of marks.
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/index.js';
import { writeReport } from '../src/report/index.js';
import { CHROMIUM, type Opened, openReport } from './report-browser.js';
import {
  FIXTURES,
  fixtureTables,
  readTables,
  type Tables,
  writeSyntheticTables,
  writeTables,
} from './report-tables.js';

const hasChromium = existsSync(CHROMIUM);
if (!hasChromium)
  console.warn(
    `report-chromium: ${CHROMIUM} not found; install Debian's chromium (apt-get install -y chromium)`,
  );

/** Counts the marks of each chart and section as drawn in the page. */
async function drawn(o: Opened) {
  return o.page.evaluate(() => {
    const q = (s: string) => document.querySelectorAll(s);
    // The largest matching element: a chart's plot, not its legend swatches.
    const box = (s: string) => {
      const sizes = [...q(s)]
        .map((el) => el.getBoundingClientRect())
        .map((r) => ({ w: r.width, h: r.height }));
      return sizes.sort((a, b) => b.w * b.h - a.w * a.h)[0] ?? { w: 0, h: 0 };
    };
    const visibleRows = () =>
      [...q('table.entities tbody tr')].filter((tr) => (tr as HTMLElement).offsetParent !== null).length;
    return {
      timelineRects: q('[data-chart=timeline-agency] svg g[aria-label=rect] rect').length,
      timelineBox: box('[data-chart=timeline-agency] svg'),
      legendItems: q('[data-chart=timeline-agency] [class$=-swatch]').length,
      siteRects: q('[data-chart=timeline-site] svg g[aria-label=rect] rect').length,
      siteLegendItems: q('[data-chart=timeline-site] [class$=-swatch]').length,
      entityRows: q('table.entities tbody tr').length,
      entityVisible: visibleRows(),
      networkNodes: q('svg.net .node').length,
      networkEdges: q('svg.net line').length,
      networkLabelsShown: [...q('svg.net .lbl')].filter((t) => getComputedStyle(t).display !== 'none').length,
      // Pairs of drawn labels whose ink overlaps, and labels drawn over another node. Ink is measured
      // with the page's own font (canvas measureText), since an SVG text box includes the room the
      // font reserves for stacked diacritics.
      labelClashes: (() => {
        const svg = document.querySelector('svg.net') as SVGSVGElement | null;
        if (!svg) return 0;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const ctx = document.createElement('canvas').getContext('2d')!;
        ctx.font = '12px "Noto Sans Arabic"';
        const shown = [...q('svg.net .lbl')].filter((t) => getComputedStyle(t).display !== 'none');
        const boxes = shown.map((t) => {
          const m = ctx.measureText(t.textContent ?? '');
          const x = Number(t.getAttribute('x'));
          const y = Number(t.getAttribute('y'));
          const r = {
            left: x - m.width / 2,
            right: x + m.width / 2,
            top: y - m.actualBoundingBoxAscent,
            bottom: y + m.actualBoundingBoxDescent,
          };
          return { i: (t as SVGElement).dataset.i, r };
        });
        const nodes = [...q('svg.net .node')].map((g) => {
          const b = g.getBoundingClientRect();
          const o = svg.getBoundingClientRect();
          return {
            i: (g as SVGElement).dataset.i,
            r: {
              left: (b.left - o.left) / scale,
              right: (b.right - o.left) / scale,
              top: (b.top - o.top) / scale,
              bottom: (b.bottom - o.top) / scale,
            },
          };
        });
        type Box = { left: number; right: number; top: number; bottom: number };
        const hit = (a: Box, b: Box) =>
          a.left < b.right - 0.5 &&
          b.left < a.right - 0.5 &&
          a.top < b.bottom - 0.5 &&
          b.top < a.bottom - 0.5;
        let clashes = 0;
        for (let x = 0; x < boxes.length; x++) {
          for (let y = x + 1; y < boxes.length; y++) if (hit(boxes[x]!.r, boxes[y]!.r)) clashes++;
          for (const n of nodes) if (n.i !== boxes[x]!.i && hit(boxes[x]!.r, n.r)) clashes++;
        }
        return clashes;
      })(),
      networkBox: box('svg.net'),
      datelineBars: q('[data-chart=datelines] svg g[aria-label=bar] rect').length,
      datelineLabels: [...q('[data-chart=datelines] svg g[aria-label="y-axis tick label"] text')].map(
        (t) => t.textContent,
      ),
      datelineBox: box('[data-chart=datelines] svg'),
      missingBars: q('[data-chart=missing] svg g[aria-label=bar] rect').length,
      ruleBars: q('[data-chart=rules] svg g[aria-label=bar] rect').length,
      errorRows: q('table.errors:not(.samples) tbody tr').length,
      sourceRows: q('table.sources tbody tr').length,
      arabicFont: document.fonts.check('16px "Noto Sans Arabic"', 'وانغ يي'),
      fontLoaded: [...document.fonts].some(
        (f) => f.family.includes('Noto Sans Arabic') && f.status === 'loaded',
      ),
    };
  });
}

describe.skipIf(!hasChromium)('report in Chromium', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'akhbar-report-chromium-'));
  });
  afterAll(() => {
    // The run tables (hundreds of MB for the synthetic corpus) go; the HTML and screenshots stay for a person to look at.
    for (const run of ['fixtures-run', 'hand-run', 'synthetic-run'])
      rmSync(join(dir, run), { recursive: true, force: true });
  });

  /** Opens the report of a small table set and checks each chart against counts computed from the tables. */
  async function checkSmallReport(name: string, run: string, t: Tables): Promise<string> {
    const file = join(dir, `${name}.html`);
    await writeReport(run, file, { title: `akhbar ${name}` });
    const o = await openReport(file);
    try {
      const d = await drawn(o);
      // Expected numbers, computed here from the tables themselves (all small enough to be shown whole).
      const dated = t.articles.filter(
        (a) => typeof a.published === 'string' && /^\d{4}-\d{2}/.test(a.published),
      );
      const source = (a: Record<string, unknown>) => a.agency ?? a.site ?? '(unknown)';
      const stacks = new Set(dated.map((a) => `${String(a.published).slice(0, 7)}|${source(a)}`));
      expect(d.timelineRects).toBe(stacks.size);
      expect(d.legendItems).toBe(new Set(dated.map(source)).size);
      expect(d.timelineBox.w).toBeGreaterThan(400);
      expect(d.timelineBox.h).toBeGreaterThan(100);
      // The same months stacked by site, shown by its radio.
      const bySite = (a: Record<string, unknown>) => a.site ?? '(unknown)';
      expect(d.siteRects).toBe(
        new Set(dated.map((a) => `${String(a.published).slice(0, 7)}|${bySite(a)}`)).size,
      );
      expect(d.siteLegendItems).toBe(new Set(dated.map(bySite)).size);
      await o.page.click('label[for=tl-site]');
      const siteBox = await o.page.evaluate(() => {
        const svgs = [...document.querySelectorAll('[data-chart=timeline-site] svg')];
        return Math.max(...svgs.map((e) => e.getBoundingClientRect().height));
      });
      expect(siteBox).toBeGreaterThan(100);
      expect(await o.page.isVisible('[data-chart=timeline-agency]')).toBe(false);
      await o.page.click('label[for=tl-agency]');

      // The table shows the top 30 overall and the top 30 of each type (by articles, then mentions, then id).
      const stats = new Map<string, { type: string; articles: Set<unknown>; mentions: number }>();
      for (const m of t.mentions) {
        const e = stats.get(String(m.entity_id)) ?? {
          type: String(m.type),
          articles: new Set(),
          mentions: 0,
        };
        e.articles.add(m.article_id);
        e.mentions++;
        stats.set(String(m.entity_id), e);
      }
      const ranked = [...stats.entries()].sort(
        ([a, x], [b, y]) => y.articles.size - x.articles.size || y.mentions - x.mentions || (a < b ? -1 : 1),
      );
      const topAll = new Set(ranked.slice(0, 30).map(([id]) => id));
      const topOf = (type: string) => ranked.filter(([, e]) => e.type === type).slice(0, 30);
      const shown = new Set([
        ...topAll,
        ...['PERSON', 'ORG', 'LOC'].flatMap((ty) => topOf(ty).map(([id]) => id)),
      ]);
      expect(d.entityRows).toBe(shown.size);
      expect(d.entityVisible).toBe(topAll.size);
      for (const type of ['PERSON', 'ORG', 'LOC']) {
        await o.page.click(`label[for=et-${type}]`);
        const visible = await o.page.evaluate(
          () =>
            [...document.querySelectorAll('table.entities tbody tr')].filter(
              (tr) => (tr as HTMLElement).offsetParent !== null,
            ).length,
        );
        expect(visible, type).toBe(topOf(type).length);
      }
      await o.page.click('label[for=et-all]');

      const actorsByArticle = new Map<unknown, Set<unknown>>();
      for (const m of t.mentions) {
        if (m.type === 'LOC') continue;
        actorsByArticle.set(m.article_id, (actorsByArticle.get(m.article_id) ?? new Set()).add(m.entity_id));
      }
      const pairs = new Set<string>();
      const linked = new Set<unknown>();
      for (const set of actorsByArticle.values()) {
        const ids = [...set].map(String).sort();
        for (let i = 0; i < ids.length; i++)
          for (let j = i + 1; j < ids.length; j++) {
            pairs.add(`${ids[i]}|${ids[j]}`);
            linked.add(ids[i]).add(ids[j]);
          }
      }
      expect(linked.size).toBeGreaterThan(1);
      expect(d.networkNodes).toBe(linked.size);
      expect(d.networkEdges).toBe(pairs.size);
      expect(d.networkLabelsShown).toBeGreaterThanOrEqual(Math.min(8, linked.size));
      expect(d.networkLabelsShown).toBeLessThanOrEqual(40);
      expect(d.labelClashes).toBe(0);
      expect(d.networkBox.w).toBeGreaterThan(400);

      const places = new Set(
        t.articles.map((a) => a.dateline_place).filter((p) => typeof p === 'string' && p !== ''),
      );
      expect(places.size).toBeGreaterThan(0);
      expect(d.datelineBars).toBe(places.size);
      expect(new Set(d.datelineLabels)).toEqual(places);
      expect(d.datelineBox.h).toBeGreaterThan(40);
      expect(d.sourceRows).toBe(Math.min(20, new Set(t.articles.map((a) => a.site ?? '(unknown)')).size));
      expect(d.missingBars).toBe(4);
      expect(d.ruleBars).toBe(Math.min(20, new Set(t.removed.map((r) => r.rule)).size));
      expect(d.errorRows).toBe(Math.min(20, new Set(t.errors.map((e) => `${e.stage}|${e.message}`)).size));
      expect(d.arabicFont).toBe(true);
      expect(d.fontLoaded).toBe(true);

      // Hovering a node lights it and its neighbours and dims the rest.
      await o.page.hover('svg.net .node[data-i="0"]');
      const focus = await o.page.evaluate(() => ({
        focused: document.querySelector('svg.net')!.classList.contains('focus'),
        lit: document.querySelectorAll('svg.net .node.on').length,
      }));
      expect(focus.focused).toBe(true);
      expect(focus.lit).toBeGreaterThan(1);
      await o.page.mouse.move(0, 0);

      const shot = join(dir, `${name}.png`);
      await o.page.screenshot({ path: shot, fullPage: true });
      expect(statSync(shot).size).toBeGreaterThan(50_000);
      expect(o.blocked).toEqual([]);
      return shot;
    } finally {
      await o.close();
    }
  }

  it('draws every chart of the report of `akhbar run` on the fixtures, offline', async () => {
    const out = join(dir, 'fixtures-run');
    const summary = await run({
      inputs: [join(FIXTURES, 'raw')],
      out,
      formats: ['jsonl'],
      workers: 1,
      progress: 'none',
      force: true,
    });
    expect(summary.articles).toBe(5);
    const shot = await checkSmallReport('fixtures', out, readTables(out));
    // AKHBAR_REPORT_SCREENSHOT=docs/report.png refreshes the README's screenshot from this test.
    if (process.env.AKHBAR_REPORT_SCREENSHOT) copyFileSync(shot, process.env.AKHBAR_REPORT_SCREENSHOT);
  });

  it('draws every chart of the report of the hand-built fixture tables, offline', async () => {
    const t = fixtureTables();
    const out = join(dir, 'hand-run');
    writeTables(out, t);
    await checkSmallReport('hand', out, t);
  });

  it('needs no script: charts and the type filter work with JavaScript off', async () => {
    const out = join(dir, 'hand-run');
    writeTables(out, fixtureTables());
    const file = join(dir, 'noscript.html');
    await writeReport(out, file);
    const o = await openReport(file, 1100, false);
    try {
      const d = await drawn(o);
      expect(d.timelineRects).toBe(3);
      expect(d.networkNodes).toBeGreaterThan(1);
      expect(d.datelineBars).toBe(3);
      await o.page.click('label[for=et-ORG]');
      const visible = await o.page.evaluate(
        () =>
          [...document.querySelectorAll('table.entities tbody tr')].filter(
            (tr) => (tr as HTMLElement).offsetParent !== null,
          ).length,
      );
      expect(visible).toBe(
        new Set(
          fixtureTables()
            .mentions.filter((m) => m.type === 'ORG')
            .map((m) => m.entity_id),
        ).size,
      );
      expect(o.blocked).toEqual([]);
    } finally {
      await o.close();
    }
  });

  it('opens a 100,000-article report in under 5 seconds, every chart drawn', async () => {
    const synthetic = join(dir, 'synthetic-run');
    const made = writeSyntheticTables(synthetic, 100_000);
    const file = join(dir, 'synthetic.html');
    const t0 = performance.now();
    const { bytes } = await writeReport(synthetic, file, { title: 'synthetic 100k' });
    const buildMs = performance.now() - t0;
    const o = await openReport(file);
    try {
      const d = await drawn(o);
      const tableBytes = ['articles', 'mentions', 'removed', 'errors']
        .map((t) => statSync(join(synthetic, `${t}.jsonl`)).size)
        .reduce((a, b) => a + b, 0);
      console.log(
        `report of ${made.articles} articles / ${made.mentions} mentions (${(tableBytes / 1e6).toFixed(0)} MB of JSONL): ` +
          `built in ${(buildMs / 1000).toFixed(1)} s (${(tableBytes / 1e6 / (buildMs / 1000)).toFixed(0)} MB/s), ` +
          `${(bytes / 1024).toFixed(0)} KB, open-to-drawn ${o.readyMs.toFixed(0)} ms, ` +
          `peak RSS of the test process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
      );
      // The one timing assertion the issue asks for: navigation to charts drawn, fonts loaded.
      expect(o.readyMs).toBeLessThan(5000);
      // Aggregates only: the page stays small whatever the corpus.
      expect(bytes).toBeLessThan(2 * 1024 * 1024);
      // Ten years x (8 named sources + Other), a few (month, source) cells may be empty.
      expect(d.timelineRects).toBeGreaterThan(100);
      expect(d.timelineRects).toBeLessThanOrEqual(120 * 9);
      expect(d.legendItems).toBe(9);
      expect(d.siteLegendItems).toBe(9); // 12 sites: 8 named and Other
      expect(d.entityVisible).toBe(30);
      expect(d.networkNodes).toBeGreaterThan(50);
      expect(d.networkNodes).toBeLessThanOrEqual(200);
      expect(d.networkEdges).toBeGreaterThan(50);
      expect(d.networkEdges).toBeLessThanOrEqual(800);
      expect(d.networkLabelsShown).toBeGreaterThanOrEqual(15);
      expect(d.networkLabelsShown).toBeLessThanOrEqual(40);
      expect(d.labelClashes).toBe(0);
      expect(d.datelineBars).toBe(25);
      expect(d.missingBars).toBe(4);
      expect(d.ruleBars).toBe(20);
      expect(d.errorRows).toBe(1);
      expect(d.sourceRows).toBe(12);
      expect(d.arabicFont).toBe(true);
      await o.page.screenshot({ path: join(dir, 'synthetic.png'), fullPage: true });
      expect(o.blocked).toEqual([]);
    } finally {
      await o.close();
    }
  }, 300_000);
});
