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

export function renderCharts(data: ReportData): Charts {
  const { document } = new JSDOM('<!doctype html>').window;
  const base: Base = { document, style: { fontSize: '12px' } };

  const timeline = {
    agency: timelineChart(data.timeline.views.agency, base),
    site: timelineChart(data.timeline.views.site, base),
  };

  const places = data.datelines.rows;
  // Places are Arabic: the bars grow leftwards from names set on the right, as a reader of Arabic scans.
  const datelines =
    places.length === 0
      ? ''
      : serialize(
          Plot.plot({
            ...base,
            width: 720,
            height: 40 + places.length * 24,
            marginRight: 130,
            marginLeft: 40,
            x: {
              reverse: true,
              label: 'articles',
              grid: true,
              axis: 'top',
              ...countAxis(places[0]?.n ?? 1, 6),
            },
            y: {
              domain: places.map((p) => p.place),
              label: null,
              axis: 'right',
              tickSize: 0,
              tickFormat: (s: string) => clip(s, MAX.label),
            },
            marks: [
              Plot.barX(places, {
                y: 'place',
                x: 'n',
                fill: PALETTE[0],
                title: (d: { place: string; n: number }) => `${clip(d.place, MAX.name)}: ${fmt.format(d.n)}`,
              }),
              Plot.text(places, {
                y: 'place',
                x: 'n',
                text: (d: { n: number }) => fmt.format(d.n),
                textAnchor: 'end',
                dx: -4,
              }),
            ],
          }) as unknown as Element,
        );

  const total = data.summary.articles;
  const missingRows = data.quality.missing.map((m) => ({
    field: `no ${m.field}`,
    share: total === 0 ? 0 : m.n / total,
    n: m.n,
  }));
  const missing = serialize(
    Plot.plot({
      ...base,
      width: 460,
      height: 40 + missingRows.length * 28,
      marginLeft: 80,
      marginRight: 90,
      x: { domain: [0, 100], percent: true, ticks: 5, label: '% of articles', grid: true, axis: 'top' },
      y: { label: null, domain: missingRows.map((m) => m.field), tickSize: 0 },
      marks: [
        Plot.barX(missingRows, {
          y: 'field',
          x: 'share',
          fill: PALETTE[2],
          title: (d: { field: string; n: number }) => `${d.field}: ${fmt.format(d.n)}`,
        }),
        Plot.text(missingRows, {
          y: 'field',
          x: 'share',
          text: (d: { n: number; share: number }) => `${fmt.format(d.n)} (${(d.share * 100).toFixed(1)}%)`,
          textAnchor: 'start',
          dx: 4,
        }),
      ],
    }) as unknown as Element,
  );

  const ruleRows = data.quality.rules;
  const rules =
    ruleRows.length === 0
      ? ''
      : serialize(
          Plot.plot({
            ...base,
            width: 460,
            height: 40 + ruleRows.length * 22,
            marginLeft: 150,
            marginRight: 60,
            x: { label: 'segments removed', grid: true, axis: 'top', ...countAxis(ruleRows[0]?.n ?? 1, 3) },
            y: {
              label: null,
              domain: ruleRows.map((r) => r.rule),
              tickSize: 0,
              tickFormat: (s: string) => clip(s, MAX.label),
            },
            marks: [
              Plot.barX(ruleRows, {
                y: 'rule',
                x: 'n',
                fill: PALETTE[3],
                title: (d: { rule: string; n: number; articles: number }) =>
                  `${clip(d.rule, MAX.name)}: ${fmt.format(d.n)} segments in ${fmt.format(d.articles)} articles`,
              }),
              Plot.text(ruleRows, {
                y: 'rule',
                x: 'n',
                text: (d: { n: number }) => fmt.format(d.n),
                textAnchor: 'start',
                dx: 4,
              }),
            ],
          }) as unknown as Element,
        );

  return { timeline, datelines, missing, rules };
}
