// The report page: one HTML file with its styles, font, charts and a few lines of script inlined.
// A Content-Security-Policy forbids every fetch, so the page provably works offline.
import { type Charts, GREY, PALETTE } from './charts.js';
import { clip, MAX } from './clip.js';
import { FONT_FAMILY, fontFaceCss } from './font.js';
import { NETWORK_SIZE } from './network.js';
import { LABEL } from './placement.js';
import type { EntityType, ReportData } from './types.js';

const fmt = new Intl.NumberFormat('en-US');
const n = (v: number) => fmt.format(v);

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const TYPE_NAMES: Record<EntityType, { en: string; ar: string }> = {
  PERSON: { en: 'People', ar: 'أشخاص' },
  ORG: { en: 'Organisations', ar: 'منظمات' },
  LOC: { en: 'Places', ar: 'أماكن' },
};

function summary(d: ReportData): string {
  const s = d.summary;
  const range = s.first === null ? 'no dates' : `${s.first} → ${s.last}`;
  const cards: Array<[string, string, string]> = [
    ['articles', n(s.articles), 'المقالات'],
    ['date range', range, 'المدى الزمني'],
    ['sources', n(s.sources), 'المصادر'],
    ['entities', n(s.entities), 'الكيانات'],
    ['mentions', n(s.mentions), 'الإشارات'],
    ['duplicates', n(s.duplicates), 'المكررات'],
    ['removed segments', n(s.removed), 'المقاطع المحذوفة'],
    ['errors', n(s.errors), 'الأخطاء'],
  ];
  return `<div class="cards">${cards
    .map(
      ([label, value, ar]) =>
        `<div class="card" data-stat="${esc(label)}"><div class="v" dir="ltr">${esc(value)}</div><div class="l">${esc(label)} · <span lang="ar">${ar}</span></div></div>`,
    )
    .join('')}</div>`;
}

function entityTable(d: ReportData): string {
  const rows = d.entities.rows;
  if (rows.length === 0) return '<p class="empty">No mentions in this run.</p>';
  const maxAll = Math.max(...rows.map((r) => r.article_count));
  const maxType: Record<string, number> = {};
  for (const r of rows) maxType[r.type] = Math.max(maxType[r.type] ?? 0, r.article_count);
  const radios = [
    ['all', 'All', 'الكل', rows.filter((r) => r.top_all).length],
    ...(['PERSON', 'ORG', 'LOC'] as const).map((t) => [
      t,
      TYPE_NAMES[t].en,
      TYPE_NAMES[t].ar,
      d.entities.totals[t],
    ]),
  ] as Array<[string, string, string, number]>;
  const body = rows
    .map((r) => {
      const wa = ((100 * r.article_count) / maxAll).toFixed(1);
      const wt = ((100 * r.article_count) / (maxType[r.type] ?? 1)).toFixed(1);
      return (
        `<tr class="${r.type}${r.top_all ? ' top' : ''}"><td class="rank"></td>` +
        `<td class="ar" lang="ar" dir="rtl">${esc(clip(r.canonical_ar, MAX.name))}</td><td class="en">${esc(clip(r.canonical_en, MAX.name))}</td>` +
        `<td><span class="type t-${r.type}">${r.type}</span></td>` +
        `<td class="num"><span class="bar" style="--wa:${wa};--wt:${wt}"></span>${n(r.article_count)}</td>` +
        `<td class="num">${n(r.mention_count)}</td>` +
        `<td class="seen">${r.first_seen === null ? '—' : r.first_seen === r.last_seen ? r.first_seen : `${r.first_seen} → ${r.last_seen}`}</td></tr>`
      );
    })
    .join('');
  // Pure-CSS filter: the radios sit before the table and hide rows by class, so it works without script.
  return `${radios
    .map(
      ([key, en, ar], i) =>
        `<input type="radio" name="etype" id="et-${key}" value="${key}"${i === 0 ? ' checked' : ''}><label for="et-${key}">${en} <span lang="ar">${ar}</span></label>`,
    )
    .join('')}
<table class="entities"><thead><tr><th>#</th><th class="ar" lang="ar">الاسم</th><th>English</th><th>type</th><th>articles</th><th>mentions</th><th>seen</th></tr></thead><tbody>${body}</tbody></table>
<p class="note">${(['PERSON', 'ORG', 'LOC'] as const).map((t) => `${n(d.entities.totals[t])} ${TYPE_NAMES[t].en.toLowerCase()}`).join(', ')} in all; the table shows the top ${n(rows.filter((r) => r.top_all).length)} overall and per type, ranked by articles, then mentions.</p>`;
}

function networkSvg(d: ReportData): string {
  const net = d.network;
  if (net.nodes.length === 0) {
    return '<p class="empty">No two people or organisations appear in the same article.</p>';
  }
  const { width, height } = NETWORK_SIZE;
  const maxW = Math.max(...net.edges.map((e) => e.w));
  const colour = (c: number) => (c < PALETTE.length ? PALETTE[c] : GREY);
  const title = (i: number) => {
    const v = net.nodes[i]!;
    return `${clip(v.ar, MAX.name)} — ${clip(v.en, MAX.name)}`;
  };
  const edges = net.edges
    .map((e) => {
      const a = net.nodes[e.s]!;
      const b = net.nodes[e.t]!;
      const w = (0.6 + 3.4 * Math.sqrt(e.w / maxW)).toFixed(2);
      return `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke-width="${w}" data-s="${e.s}" data-t="${e.t}"><title>${esc(title(e.s))} · ${esc(title(e.t))}: ${n(e.w)} articles</title></line>`;
    })
    .join('');
  const nodes = net.nodes
    .map((v, i) => {
      const r = v.r;
      const shape =
        v.type === 'ORG'
          ? `<rect x="${(-r).toFixed(1)}" y="${(-r).toFixed(1)}" width="${(2 * r).toFixed(1)}" height="${(2 * r).toFixed(1)}" rx="2"/>`
          : `<circle r="${r.toFixed(1)}"/>`;
      return `<g class="node ${v.type}" data-i="${i}" transform="translate(${v.x},${v.y})" fill="${colour(v.community)}">${shape}<title>${esc(title(i))}\n${v.type} · ${n(v.articles)} articles · ${n(v.degree)} links</title></g>`;
    })
    .join('');
  const labels = net.nodes
    .map(
      (v, i) =>
        `<text class="lbl${v.label ? ' show' : ''}" data-i="${i}" x="${v.x}" y="${(v.label === 'above' ? v.y - v.r - LABEL.above : v.y + v.r + LABEL.below).toFixed(1)}">${esc(clip(v.ar, MAX.label))}</text>`,
    )
    .join('');
  return `<svg class="net" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="co-mention network">
<g class="edges" stroke="#8a94a6" stroke-opacity="0.35">${edges}</g><g class="nodes" stroke="#fff" stroke-width="1">${nodes}</g><g class="labels" text-anchor="middle">${labels}</g></svg>
<p class="note">${n(net.nodes.length)} of the ${n(net.candidates)} most cited people and organisations, linked when they appear in the same article (${n(net.edges.length)} of ${n(net.pairs)} pairs${net.minWeight > 1 ? `, those sharing at least ${n(net.minWeight)} articles` : ''}). Size: articles; colour: community (Louvain); ● person, ■ organisation. Hover a node to see its neighbours.</p>`;
}

function timelineSection(d: ReportData, charts: Charts): string {
  const tl = d.timeline;
  const undated =
    tl.undated > 0
      ? ` ${n(tl.undated)} article${tl.undated === 1 ? '' : 's'} without a date are not shown.`
      : '';
  const note = `<p class="note">${n(d.summary.dated)} dated articles.${undated} "By agency" stacks each article under its news agency, or its site when it names none.</p>`;
  if (charts.timeline.agency === '') return `<p class="empty">No article has a date.</p>${note}`;
  // Both stackings are in the page; radios (pure CSS, like the entity filter) choose the one shown.
  const views = [
    ['agency', 'by agency', 'حسب الوكالة'],
    ['site', 'by site', 'حسب الموقع'],
  ] as const;
  return `${views
    .map(
      ([key, en, ar]) =>
        `<input type="radio" name="tlview" id="tl-${key}" value="${key}"${key === tl.stackBy ? ' checked' : ''}><label for="tl-${key}">${en} <span lang="ar">${ar}</span></label>`,
    )
    .join('')}
${views.map(([key]) => `<div class="chart" data-chart="timeline-${key}">${charts.timeline[key]}</div>`).join('\n')}
${note}`;
}

function sourcesTable(d: ReportData): string {
  const src = d.sources;
  if (src.rows.length === 0) return '<p class="empty">No articles.</p>';
  const pct = (k: number, of: number) => `${of === 0 ? 0 : Math.round((100 * k) / of)}%`;
  const body = src.rows
    .map(
      (r) =>
        `<tr><td class="site">${esc(clip(r.site, MAX.name))}</td><td class="num">${n(r.articles)}</td>` +
        `<td class="seen">${r.first === null ? '—' : r.first === r.last ? r.first : `${r.first} → ${r.last}`}</td>` +
        [r.dated, r.titled, r.agency, r.dateline]
          .map((k) => `<td class="num">${pct(k, r.articles)}</td>`)
          .join('') +
        `<td class="num">${n(r.duplicates)}</td></tr>`,
    )
    .join('');
  return `<table class="sources"><thead><tr><th>site</th><th>articles</th><th>dates</th><th>with date</th><th>with title</th><th>with agency</th><th>with dateline</th><th>duplicates</th></tr></thead><tbody>${body}</tbody></table>
<p class="note">${src.total > src.rows.length ? `The ${n(src.rows.length)} largest of ${n(src.total)} sites. ` : ''}Site comes from each article's URL; (unknown) when the input had none.</p>`;
}

function quality(d: ReportData, charts: Charts): string {
  const q = d.quality;
  const stages = q.errorsByStage.map((s) => `<li>${esc(clip(s.stage, MAX.label))}: ${n(s.n)}</li>`).join('');
  const messages = q.errorMessages
    .map(
      (m) =>
        `<tr><td>${esc(clip(m.stage, MAX.label))}</td><td class="msg">${esc(clip(m.message, MAX.text))}</td><td class="num">${n(m.n)}</td></tr>`,
    )
    .join('');
  const samples = q.errorSamples
    .map(
      (e) =>
        `<tr><td class="path">${esc(clip(e.source_path, MAX.text))}</td><td>${esc(clip(e.stage, MAX.label))}</td><td class="msg">${esc(clip(e.message, MAX.text))}</td></tr>`,
    )
    .join('');
  const errors =
    q.errorsTotal === 0
      ? '<p class="empty">No errors: every input became an article.</p>'
      : `<ul class="stages">${stages}</ul>
<table class="errors"><thead><tr><th>stage</th><th>message</th><th>inputs</th></tr></thead><tbody>${messages}</tbody></table>
<details><summary>${n(q.errorSamples.length)} of ${n(q.errorsTotal)} failed inputs</summary><table class="errors samples"><thead><tr><th>input</th><th>stage</th><th>message</th></tr></thead><tbody>${samples}</tbody></table></details>`;
  return `<div class="grid2">
<div><h3>Articles lacking a field</h3><div class="chart" data-chart="missing">${charts.missing}</div></div>
<div><h3>Most frequent removal rules</h3>${
    charts.rules === ''
      ? '<p class="empty">Nothing was removed.</p>'
      : `<div class="chart" data-chart="rules">${charts.rules}</div><p class="note">${n(q.removedTotal)} segments removed by ${n(q.rulesTotal)} rules.</p>`
  }</div></div>
<h3>Errors</h3>${errors}`;
}

const CSS = `
:root{--font:'${FONT_FAMILY}',system-ui,sans-serif;--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#fff}
*{box-sizing:border-box}
body{margin:0;font-family:var(--font);color:var(--ink);background:#f5f7fa;font-size:14px;line-height:1.5}
main{max-width:1040px;margin:0 auto;padding:24px}
header h1{margin:0 0 4px;font-size:26px}
.sub{color:var(--muted);margin:0 0 16px}
section{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:16px 0}
h2{font-size:18px;margin:0 0 8px}h2 [lang=ar]{color:var(--muted);font-weight:400;margin-inline-start:8px}
h3{font-size:15px;margin:12px 0 6px}
[lang=ar]{font-family:var(--font)}
.cards{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}
.card{background:var(--bg);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .v{font-size:18px;font-weight:700;white-space:nowrap}.card .l{color:var(--muted);font-size:12px}
.chart{direction:ltr;overflow-x:auto}.chart svg{font-family:var(--font)}
.note{color:var(--muted);font-size:12px;margin:6px 0 0}
.empty{color:var(--muted);font-style:italic}
.warn{background:#fff8e1;border-color:#f0c36d}
table{border-collapse:collapse;width:100%}
th,td{padding:3px 8px;border-bottom:1px solid var(--line);text-align:start;vertical-align:top}
th{font-size:12px;color:var(--muted);font-weight:400}
td.num{text-align:end;white-space:nowrap;font-variant-numeric:tabular-nums;position:relative}
td.site{direction:ltr;word-break:break-all}.sources th:nth-child(2),.sources th:nth-child(n+4),.entities th:nth-child(5),.entities th:nth-child(6),.errors th:nth-child(3){text-align:end}td.seen{white-space:nowrap;font-size:12px;color:var(--muted);font-variant-numeric:tabular-nums}td.ar{font-size:15px;text-align:right}th.ar{text-align:right}
.entities tbody tr{counter-increment:rank}.entities td.rank::before{content:counter(rank)}
.entities td.rank{color:var(--muted);width:2em}
.bar{display:inline-block;height:10px;background:#4e79a7;opacity:.55;border-radius:2px;margin-inline-end:6px;width:calc(var(--w) * 0.8px)}
.type{font-size:11px;padding:0 6px;border-radius:8px;background:#eef1f5}
.t-PERSON{background:#e3edf7}.t-ORG{background:#fde8d4}.t-LOC{background:#e2f1df}
input[type=radio]{position:absolute;opacity:0}
input[type=radio]+label{display:inline-block;padding:3px 12px;margin:0 4px 8px 0;border:1px solid var(--line);border-radius:14px;cursor:pointer}
input[type=radio]:checked+label{background:var(--ink);color:#fff;border-color:var(--ink)}
input[type=radio]:focus-visible+label{outline:2px solid #4e79a7}
#tl-agency:checked~[data-chart=timeline-site],#tl-site:checked~[data-chart=timeline-agency]{display:none}
#et-all:checked~table tbody tr:not(.top),#et-PERSON:checked~table tbody tr:not(.PERSON),#et-ORG:checked~table tbody tr:not(.ORG),#et-LOC:checked~table tbody tr:not(.LOC){display:none}
#et-all:checked~table .bar{--w:var(--wa)}
#et-PERSON:checked~table .bar,#et-ORG:checked~table .bar,#et-LOC:checked~table .bar{--w:var(--wt)}
.bar{--w:var(--wa)}
.net{width:100%;height:auto;display:block;font-family:var(--font)}
.net .lbl{display:none;font-size:12px;paint-order:stroke;stroke:#fff;stroke-width:3px;fill:var(--ink);pointer-events:none}
.net .lbl.show{display:block}
.net .node{cursor:pointer}
.net.focus line:not(.on),.net.focus .node:not(.on){opacity:.1}
.net.focus .lbl.show:not(.on){display:none}.net.focus .lbl.on{display:block;font-weight:700}
.net.focus line.on{stroke:#1f2933;stroke-opacity:.7}
.legend{display:flex;gap:14px;flex-wrap:wrap;color:var(--muted);font-size:12px}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.errors td.msg{font-family:ui-monospace,monospace;font-size:12px}.errors td.path{direction:ltr;font-size:12px;word-break:break-all}
.stages{display:flex;gap:16px;list-style:none;padding:0;margin:0 0 6px}
footer{color:var(--muted);font-size:12px;text-align:center;margin:24px 0}
@media (max-width:800px){.cards{grid-template-columns:repeat(2,1fr)}.grid2{grid-template-columns:1fr}}
`;

// Hover highlighting for the network, then a ready flag once fonts are in, which the tests wait for.
const SCRIPT = `
(function(){
var net=document.querySelector('svg.net');
if(net){
var adj=[];net.querySelectorAll('line').forEach(function(l){var s=+l.dataset.s,t=+l.dataset.t;(adj[s]=adj[s]||[]).push([t,l]);(adj[t]=adj[t]||[]).push([s,l]);});
var nodes=net.querySelectorAll('.node'),labels=net.querySelectorAll('.lbl'),lit=[];
function clear(){lit.forEach(function(e){e.classList.remove('on')});lit=[];net.classList.remove('focus');}
function on(i){var e=[nodes[i],labels[i]];(adj[i]||[]).forEach(function(p){e.push(nodes[p[0]],labels[p[0]],p[1]);});e.forEach(function(x){if(x){x.classList.add('on');lit.push(x);}});net.classList.add('focus');}
nodes.forEach(function(g){g.addEventListener('mouseenter',function(){clear();on(+g.dataset.i);});g.addEventListener('mouseleave',clear);});
}
function ready(){document.documentElement.setAttribute('data-ready','1');}
if(document.fonts&&document.fonts.ready){document.fonts.ready.then(ready,ready);}else{ready();}
})();
`;

export function renderPage(d: ReportData, charts: Charts): string {
  const warnings =
    d.warnings.length === 0
      ? ''
      : `<section class="warn" id="warnings"><h2>Warnings</h2><ul>${d.warnings.map((w) => `<li>${esc(clip(w, MAX.text))}</li>`).join('')}</ul></section>`;
  const dl = d.datelines;
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; font-src data:; img-src data:">
<meta name="generator" content="akhbar report">
<title>${esc(clip(d.title, MAX.name))} — akhbar report</title>
<style>${fontFaceCss()}
${CSS}</style>
</head>
<body>
<main>
<header><h1>${esc(clip(d.title, MAX.name))}</h1><p class="sub">Dataset report · <span lang="ar" dir="rtl">تقرير مجموعة البيانات</span>${d.versions.length > 0 ? ` · pipeline ${esc(clip(d.versions.join(', '), MAX.name))}` : ''}</p>
${summary(d)}</header>
${warnings}
<section id="timeline"><h2>Articles per month<span lang="ar">المقالات شهريًا</span></h2>
${timelineSection(d, charts)}</section>
<section id="entities"><h2>Top people, organisations and places<span lang="ar">أبرز الأشخاص والمنظمات والأماكن</span></h2>
${entityTable(d)}</section>
<section id="network"><h2>Who appears with whom<span lang="ar">شبكة الظهور المشترك</span></h2>
${networkSvg(d)}</section>
<section id="sources"><h2>Sources<span lang="ar">المصادر</span></h2>
${sourcesTable(d)}</section>
<section id="datelines"><h2>Datelines: articles per place<span lang="ar">أماكن التحرير</span></h2>
${charts.datelines === '' ? '<p class="empty">No article has a dateline.</p>' : `<div class="chart" data-chart="datelines">${charts.datelines}</div>`}
<p class="note">${n(dl.places)} places; ${n(dl.without)} articles without a dateline.${dl.places > dl.rows.length ? ` The ${n(dl.rows.length)} most frequent are shown.` : ''}</p></section>
<section id="quality"><h2>Data quality<span lang="ar">جودة البيانات</span></h2>
${quality(d, charts)}</section>
<footer>Made by akhbar from aggregates only: no article text is embedded. Font: Noto Sans Arabic (SIL Open Font License 1.1).</footer>
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
