// Development loop: stripHtml alone on the Zyte pages, worst documents listed. Not part of `pnpm bench`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { stripHtml } from '../src/index.js';
import { scoreDoc, summarize } from './score.js';

const dir = process.argv[2] ?? '/work/shared/benchmarks/article-extraction-benchmark';
const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<
  string,
  { articleBody: string; url: string }
>;
const ids = readdirSync(join(dir, 'html'))
  .map((f) => f.replace('.html.gz', ''))
  .sort();
const scores = [];
const rows: Array<[string, number, number, string]> = [];
let ms = 0;
for (const id of ids) {
  const bytes = gunzipSync(readFileSync(join(dir, 'html', `${id}.html.gz`)));
  const t = performance.now();
  const r = stripHtml(new Uint8Array(bytes), { url: truth[id]?.url });
  ms += performance.now() - t;
  const s = scoreDoc(truth[id]?.articleBody ?? '', r.body);
  scores.push(s);
  const p = s.tp + s.fp > 0 ? s.tp / (s.tp + s.fp) : 1;
  const rc = s.tp + s.fn > 0 ? s.tp / (s.tp + s.fn) : 1;
  rows.push([id, p, rc, truth[id]?.url ?? '']);
}
const sum = summarize(scores);
rows.sort((a, b) => Math.min(a[1], a[2]) - Math.min(b[1], b[2]));
for (const r of rows.slice(0, Number(process.argv[3] ?? 15)))
  console.log(r[0], 'P', r[1].toFixed(3), 'R', r[2].toFixed(3), r[3]);
console.log(
  `F1 ${sum.f1.toFixed(4)} P ${sum.precision.toFixed(4)} R ${sum.recall.toFixed(4)}  ${((ids.length / ms) * 1000).toFixed(1)} pages/s`,
);
