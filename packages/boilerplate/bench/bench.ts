// `pnpm bench`: stripHtml against @mozilla/readability (with jsdom) on the Zyte article-extraction
// benchmark, scored the benchmark's way, in one run on the same pages; the Arabic pages with body gold;
// stripText throughput. Reads ../shared/benchmarks relative to the repository root.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { stripHtml, stripText } from '../src/index.js';
import { type DocScore, scoreDoc, summarize } from './score.js';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const benchRoot = process.env['AKHBAR_BENCHMARKS'] ?? resolve(repoRoot, '../shared/benchmarks');
const zyteDir = join(benchRoot, 'article-extraction-benchmark');
const arabicDir = join(benchRoot, 'arabic-news-html');
const limit = Number(process.env['BENCH_LIMIT'] ?? Infinity);

if (!existsSync(join(zyteDir, 'ground-truth.json'))) {
  console.error(
    `Benchmark data missing: ${zyteDir} not found.\nPlace the shared benchmarks beside the clone (../shared/benchmarks) or set AKHBAR_BENCHMARKS.`,
  );
  process.exit(1);
}

interface Page {
  id: string;
  bytes: Uint8Array;
  html: string;
  url: string;
  truth: string;
}

function loadZyte(): Page[] {
  const truth = JSON.parse(readFileSync(join(zyteDir, 'ground-truth.json'), 'utf8')) as Record<
    string,
    { articleBody: string; url: string }
  >;
  return readdirSync(join(zyteDir, 'html'))
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .slice(0, limit)
    .map((f) => {
      const id = f.replace('.html.gz', '');
      const bytes = new Uint8Array(gunzipSync(readFileSync(join(zyteDir, 'html', f))));
      return {
        id,
        bytes,
        html: new TextDecoder().decode(bytes),
        url: truth[id]?.url ?? '',
        truth: truth[id]?.articleBody ?? '',
      };
    });
}

/** Readability as its README runs it, on a jsdom document of the page. */
function readability(html: string, url: string): string {
  const virtualConsole = new VirtualConsole(); // silence CSS parse errors
  const dom = new JSDOM(html, { url: url || 'https://example.com/', virtualConsole });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  return article?.textContent ?? '';
}

interface Run {
  name: string;
  scores: DocScore[];
  seconds: number;
}

/**
 * Runs the extractors page by page, interleaved, so that a busy machine slows both alike (the
 * machine is shared); each extractor's time is the sum of its own calls.
 */
function runInterleaved(pages: Page[], extractors: Array<[string, (p: Page) => string]>): Run[] {
  const runs = extractors.map(([name]) => ({ name, scores: [] as DocScore[], seconds: 0 }));
  for (const p of pages) {
    extractors.forEach(([, extract], i) => {
      const t = process.hrtime.bigint();
      const out = extract(p);
      runs[i]!.seconds += Number(process.hrtime.bigint() - t) / 1e9;
      runs[i]!.scores.push(scoreDoc(p.truth, out));
    });
  }
  return runs;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const [k, r] of rows.entries()) {
    console.log(`| ${r.map((c, i) => pad(c, widths[i]!)).join(' | ')} |`);
    if (k === 0) console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  }
}

const pages = loadZyte();
const mb = pages.reduce((n, p) => n + p.bytes.length, 0) / 1e6;
console.log(`Zyte article-extraction benchmark: ${pages.length} pages, ${mb.toFixed(1)} MB of HTML\n`);
// Warm-up (JIT) on a few pages, not timed. Both get the same decoded page text (jsdom without an
// HTTP header would read UTF-8 bytes as windows-1252).
for (const p of pages.slice(0, 20)) stripHtml(p.html, { url: p.url });
// stripHtml alone, from bytes (charset detection included), for its own throughput and memory.
let maxHeap = 0;
let aloneSeconds = 0;
for (const p of pages) {
  const t = process.hrtime.bigint();
  stripHtml(p.bytes, { url: p.url });
  aloneSeconds += Number(process.hrtime.bigint() - t) / 1e9;
  maxHeap = Math.max(maxHeap, process.memoryUsage().heapUsed);
}
for (const p of pages.slice(0, 2)) readability(p.html, p.url);
const [ours, theirs] = runInterleaved(pages, [
  ['akhbar stripHtml (cheerio/htmlparser2)', (p) => stripHtml(p.html, { url: p.url }).body],
  ['@mozilla/readability 0.6 + jsdom 26', (p) => readability(p.html, p.url)],
]) as [Run, Run];
const rows = [['extractor', 'F1', 'precision', 'recall', 'pages/s', 'MB/s']];
for (const r of [ours, theirs]) {
  const s = summarize(r.scores);
  rows.push([
    r.name,
    s.f1.toFixed(4),
    s.precision.toFixed(4),
    s.recall.toFixed(4),
    (pages.length / r.seconds).toFixed(1),
    (mb / r.seconds).toFixed(2),
  ]);
}
table(rows);
const speedup = theirs.seconds / ours.seconds;
console.log(`\nstripHtml is ${speedup.toFixed(1)}x Readability's pages/s on the same pages in this run.`);
console.log(
  `stripHtml alone, from bytes (charset detection included): ${(pages.length / aloneSeconds).toFixed(1)} pages/s, ${(mb / aloneSeconds).toFixed(1)} MB/s; largest JS heap in use after a page ${(maxHeap / 1e6).toFixed(0)} MB (the ${mb.toFixed(0)} MB of pages, held in memory as bytes and text, included)\n`,
);

// Arabic pages with body gold.
if (existsSync(join(arabicDir, 'MANIFEST.tsv'))) {
  const gold = (f: string): string | undefined => {
    const g = (name: string) => JSON.parse(readFileSync(join(arabicDir, 'gold', name), 'utf8'));
    // goose3's gold is the article's first 149 characters only (its test checks a prefix): checked below, not scored.
    if (f.startsWith('newspaper4k__'))
      return readFileSync(join(arabicDir, 'gold', 'newspaper4k__arabic_article.txt'), 'utf8');
    if (f.startsWith('fundus__')) {
      const body = g('fundus__LBCGroup.json').V1.body as {
        summary: string[];
        sections: Array<{ headline: string[]; paragraphs: string[] }>;
      };
      return [...body.summary, ...body.sections.flatMap((s) => [...s.headline, ...s.paragraphs])].join(
        '\n\n',
      );
    }
    if (f.startsWith('magichtml__')) return g('magichtml__youm7_content.json')[f]?.content;
    return undefined;
  };
  const arRows = [['page', 'akhbar F1', 'Readability F1']];
  const oursAr: DocScore[] = [];
  const theirsAr: DocScore[] = [];
  for (const f of readdirSync(arabicDir)
    .filter((x) => /\.html(\.gz)?$/.test(x))
    .sort()) {
    const truth = gold(f);
    if (!truth) continue;
    let bytes = new Uint8Array(readFileSync(join(arabicDir, f)));
    if (f.endsWith('.gz')) bytes = new Uint8Array(gunzipSync(bytes));
    const a = scoreDoc(truth, stripHtml(bytes).body);
    const b = scoreDoc(truth, readability(new TextDecoder().decode(bytes), 'https://example.com/'));
    oursAr.push(a);
    theirsAr.push(b);
    arRows.push([
      f.replace(/\.html(\.gz)?$/, ''),
      summarize([a]).f1.toFixed(3),
      summarize([b]).f1.toFixed(3),
    ]);
  }
  const sa = summarize(oursAr);
  const sb = summarize(theirsAr);
  arRows.push([`all (${oursAr.length} pages)`, sa.f1.toFixed(3), sb.f1.toFixed(3)]);
  console.log('Arabic news pages with body gold (arabic-news-html):\n');
  table(arRows);
  const goose = join(arabicDir, 'goose3__arabic.cnn.com.syria-clashes.html');
  if (existsSync(goose)) {
    const prefix = (
      JSON.parse(readFileSync(join(arabicDir, 'gold', 'goose3__test_cnn_arabic.json'), 'utf8')) as {
        expected: { cleaned_text: string };
      }
    ).expected.cleaned_text;
    const body = stripHtml(new Uint8Array(readFileSync(goose))).body;
    console.log(
      `\narabic.cnn.com (goose3 copy, prefix-only gold): body contains the gold prefix: ${body.includes(prefix)}`,
    );
  }
  // assabah.com.tn: trafilatura's with/without snippets.
  const assabah = join(arabicDir, 'trafilatura__assabah.com.tn.article.html');
  if (existsSync(assabah)) {
    const ev = JSON.parse(
      readFileSync(join(arabicDir, 'gold', 'trafilatura__assabah.evaldata.json'), 'utf8'),
    ) as {
      with: string[];
      without: string[];
    };
    const body = stripHtml(new Uint8Array(readFileSync(assabah))).body;
    const hits =
      ev.with.filter((s) => body.includes(s)).length + ev.without.filter((s) => !body.includes(s)).length;
    console.log(
      `assabah.com.tn (trafilatura snippets): ${hits}/${ev.with.length + ev.without.length} correct`,
    );
  }
} else {
  console.log(`Arabic pages missing (${arabicDir}); skipped.`);
}

// stripText throughput on the seed captures, repeated to 20 MB.
const seedDir = join(repoRoot, 'fixtures/raw');
const seeds = readdirSync(seedDir).map((f) => readFileSync(join(seedDir, f), 'utf8'));
const docs: string[] = [];
let chars = 0;
for (let i = 0; chars < 10_000_000; i++) {
  const s = seeds[i % seeds.length]!;
  docs.push(s);
  chars += s.length;
}
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d), 0);
for (const d of docs.slice(0, 50)) stripText(d);
const t = process.hrtime.bigint();
for (const d of docs) stripText(d);
const sec = Number(process.hrtime.bigint() - t) / 1e9;
console.log(
  `\nstripText: ${(bytes / 1e6).toFixed(1)} MB (UTF-8) of seed captures in ${sec.toFixed(2)} s on one core: ${(bytes / 1e6 / sec).toFixed(1)} MB/s, ${(docs.length / sec).toFixed(0)} articles/s`,
);
console.log(`Peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
