// Charts rendered to static SVG at build time with Observable Plot on a jsdom document: the page needs
// no charting code at view time, so it opens as fast as the browser parses it.
import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { OTHER } from './aggregate.js';
import { clip, MAX } from './clip.js';
import type { ReportData, TimelineView } from './types.js';

/** Tableau 10, and grey for the rest ("Other", small communities). */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#79706e',
];
export const GREY = '#bab0ac';

export interface Charts {
  timeline: Record<'agency' | 'site', string>;
  datelines: string;
  missing: string;
  rules: string;
}

const fmt = new Intl.NumberFormat('en-US');

/** Count axes: whole-number ticks only, never '0.5 articles'. */
function countAxis(max: number, most = 8) {
  return { ticks: Math.max(1, Math.min(most, max)), tickFormat: (d: number) => fmt.format(d) };
}

function serialize(node: Element): string {
  // Plot leaves its figure/svg in the jsdom document; outerHTML is the serialized markup, text escaped.
  return node.outerHTML;
}

type Base = { document: Document; style: Partial<CSSStyleDeclaration> };

/** Articles per month as stacked bars, one colour per source; '' when no article has a date. */
function timelineChart(view: TimelineView, base: Base): string {
  if (view.rows.length === 0) return '';
  const rows = view.rows.map((r) => ({ ...r, date: new Date(`${r.month}-01T00:00:00Z`) }));
  const perMonth = new Map<string, number>();
  for (const r of view.rows) perMonth.set(r.month, (perMonth.get(r.month) ?? 0) + r.n);
  const range = view.sources.map((s, i) => (s === OTHER ? GREY : (PALETTE[i % PALETTE.length] ?? GREY)));
  return serialize(
    Plot.plot({
      ...base,
      width: 960,
      height: 300,
      marginLeft: 48,
      x: { type: 'utc', label: null },
      y: { label: 'articles', grid: true, ...countAxis(Math.max(0, ...perMonth.values())) },
      color: { domain: view.sources, range, legend: true, tickFormat: (s: string) => clip(s, MAX.label) },
      marks: [
        Plot.rectY(rows, {
          x: 'date',
          interval: 'month',
          y: 'n',
          fill: 'source',
          order: view.sources, // largest source at the bottom, "Other" on top, as in the legend
          inset: 0.5,
          title: (d: { month: string; source: string; n: number }) =>
            `${d.month} · ${clip(d.source, MAX.name)}: ${fmt.format(d.n)}`,
        }),
        Plot.ruleY([0]),
      ],
    }) as unknown as Element,
  );
}

interface Bar {
  key: string; // the row's label, unique
  value: number;
  text: string; // printed at the end of the bar
  title: string; // tooltip
}

/** Horizontal bars, one row per key in the given order, with the value printed at the bar's end.
 * `rtl`: labels on the right and bars growing leftwards (for Arabic labels). '' when there are no rows. */
function barChart(
  bars: Bar[],
  o: {
    base: Base;
    width: number;
    rowHeight: number;
    margin: number;
    fill: string;
    rtl?: boolean;
    x: Plot.ScaleOptions;
  },
): string {
  if (bars.length === 0) return '';
  const rtl = o.rtl === true;
  return serialize(
    Plot.plot({
      ...o.base,
      width: o.width,
      height: 40 + bars.length * o.rowHeight,
      marginLeft: rtl ? 56 : o.margin,
      marginRight: rtl ? o.margin : 90,
      x: { ...o.x, reverse: rtl, grid: true, axis: 'top' },
      y: {
        domain: bars.map((b) => b.key),
        label: null,
        axis: rtl ? 'right' : 'left',
        tickSize: 0,
        tickFormat: (s: string) => clip(s, MAX.label),
      },
      marks: [
        Plot.barX(bars, { y: 'key', x: 'value', fill: o.fill, title: 'title' }),
        Plot.text(bars, {
          y: 'key',
          x: 'value',
          text: 'text',
          textAnchor: rtl ? 'end' : 'start',
          dx: rtl ? -4 : 4,
        }),
      ],
    }) as unknown as Element,
  );
}

export function renderCharts(data: ReportData): Charts {
  const { document } = new JSDOM('<!doctype html>').window;
  const base: Base = { document, style: { fontSize: '12px' } };

  const timeline = {
    agency: timelineChart(data.timeline.views.agency, base),
    site: timelineChart(data.timeline.views.site, base),
  };

  const places = data.datelines.rows;
  // Places are Arabic: the bars grow leftwards from names set on the right, as a reader of Arabic scans.
  const datelines = barChart(
    places.map((p) => ({
      key: p.place,
      value: p.n,
      text: fmt.format(p.n),
      title: `${clip(p.place, MAX.name)}: ${fmt.format(p.n)}`,
    })),
    {
      base,
      width: 720,
      rowHeight: 24,
      margin: 130,
      rtl: true,
      fill: PALETTE[0]!,
      x: { label: 'articles', ...countAxis(places[0]?.n ?? 1, 6) },
    },
  );

  const total = data.summary.articles;
  const missing = barChart(
    data.quality.missing.map((m) => {
      const share = total === 0 ? 0 : m.n / total;
      return {
        key: `no ${m.field}`,
        value: share,
        text: `${fmt.format(m.n)} (${(share * 100).toFixed(1)}%)`,
        title: `no ${m.field}: ${fmt.format(m.n)}`,
      };
    }),
    {
      base,
      width: 460,
      rowHeight: 28,
      margin: 80,
      fill: PALETTE[2]!,
      x: { domain: [0, 100], percent: true, ticks: 5, label: '% of articles' },
    },
  );

  const ruleRows = data.quality.rules;
  const rules = barChart(
    ruleRows.map((r) => ({
      key: r.rule,
      value: r.n,
      text: fmt.format(r.n),
      title: `${clip(r.rule, MAX.name)}: ${fmt.format(r.n)} segments in ${fmt.format(r.articles)} articles`,
    })),
    {
      base,
      width: 460,
      rowHeight: 22,
      margin: 150,
      fill: PALETTE[3]!,
      x: { label: 'segments removed', ...countAxis(ruleRows[0]?.n ?? 1, 3) },
    },
  );

  return { timeline, datelines, missing, rules };
}
