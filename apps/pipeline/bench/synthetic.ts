// Deterministic synthetic corpus for benchmarks (and for anyone who needs realistic inputs at
// scale, e.g. the report tests): news articles recombined from the seed fixtures, as .txt captures
// and as 50-150 KB HTML pages with menus, inline scripts, related links and footers. Same options,
// same bytes, on every machine. Generated into a temporary folder; never committed.
//
//   import { generateCorpus } from '../bench/synthetic.js';
//   await generateCorpus({ dir: '/tmp/corpus', count: 5000, kind: 'html' });
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusOptions {
  dir: string;
  count: number;
  /** .txt captures, .html pages, or the text captures as JSONL records ({url, text, fetched_at}). */
  kind: 'text' | 'html' | 'jsonl';
  /** PRNG seed; default 1. */
  seed?: number;
  /** Folder of seed .txt files; default the repository's fixtures/raw. */
  seedsDir?: string;
  /**
   * The sentences to recombine instead of the seeds' (e.g. newswireSentences): the same layout,
   * furniture and sizes of article, another vocabulary.
   */
  sentences?: string[];
  /** Files per sub-folder (keeps folders listable); default 1000. */
  perFolder?: number;
  /** Records per JSONL file; default 10,000. */
  perJsonl?: number;
}

export interface CorpusInfo {
  files: number;
  bytes: number;
}

export const GENERATOR_VERSION = 2;

/**
 * A 32-bit linear congruential generator (Numerical Recipes constants), high bits only: plenty for
 * choosing sentences and sizes, and identical on every platform.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return (a >>> 8) / 16777216;
  };
}

const PLACES = [
  'بكين',
  'موسكو',
  'القاهرة',
  'الرياض',
  'دبي',
  'أبوظبي',
  'الدوحة',
  'عمان',
  'بيروت',
  'دمشق',
  'بغداد',
  'الكويت',
  'الرباط',
  'تونس',
  'الجزائر',
  'شانغهاي',
  'كوالالمبور',
  'ناننينغ',
  'نيويورك',
  'جنيف',
];
const AGENCIES = ['شينخوا', 'واس', 'وام', 'قنا', 'كونا', 'أ ش أ', 'سبوتنيك', 'الأناضول'];
const MONTHS = [
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'مايو',
  'يونيو',
  'يوليو',
  'أغسطس',
  'سبتمبر',
  'أكتوبر',
  'نوفمبر',
  'ديسمبر',
];
const SECTIONS = [
  'الرئيسية',
  'أخبار',
  'سياسة',
  'اقتصاد',
  'رياضة',
  'ثقافة',
  'علوم',
  'تكنولوجيا',
  'صحة',
  'منوعات',
  'العالم',
  'الشرق الأوسط',
  'آسيا',
  'أفريقيا',
  'أوروبا',
  'الأمريكتان',
  'فيديو',
  'صور',
  'رأي',
  'مقابلات',
];

/** Sentences of the seeds (their article lines, split at full stops), the material recombined. */
export function seedSentences(seedsDir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(seedsDir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    for (const line of readFileSync(join(seedsDir, f), 'utf8').split('\n')) {
      if (line.length < 80) continue; // headlines, bullets, furniture
      for (const s of line.split(/(?<=\.)\s+/)) if (s.length >= 40) out.push(s.trim());
    }
  }
  if (out.length === 0) throw new Error(`no seed sentences in ${seedsDir}; point seedsDir at fixtures/raw`);
  return out;
}

/**
 * The sentences of a corpus in CoNLL form (one `token TAG` per line, a blank line between sentences,
 * as ANERcorp ships), put back together as running text: tokens joined by spaces, with no space
 * before closing punctuation or after an opening bracket. Sentences under 40 characters are left out.
 */
export function newswireSentences(conll: string): string[] {
  const out: string[] = [];
  for (const block of conll.split(/\r?\n\s*\r?\n/)) {
    const tokens = block
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .map((line) => (line.lastIndexOf(' ') > 0 ? line.slice(0, line.lastIndexOf(' ')) : line));
    const s = tokens
      .join(' ')
      .replace(/ ([.,،:؛!؟?)\]»])/g, '$1')
      .replace(/([([«]) /g, '$1');
    if (s.length >= 40) out.push(s);
  }
  if (out.length === 0) throw new Error('no sentences in the CoNLL text');
  return out;
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

interface Article {
  headline: string;
  dateline: string;
  paragraphs: string[];
  date: string;
}

function article(r: () => number, sentences: string[], i: number): Article {
  const year = 2015 + Math.floor(r() * 11);
  const month = Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const place = pick(r, PLACES);
  const agency = pick(r, AGENCIES);
  const dateline = `${place} ${day} ${MONTHS[month]} ${year} (${agency})`;
  const nPara = 4 + Math.floor(r() * 9);
  const paragraphs: string[] = [];
  for (let p = 0; p < nPara; p++) {
    const nSent = 1 + Math.floor(r() * 3);
    const sents: string[] = [];
    for (let s = 0; s < nSent; s++) sents.push(pick(r, sentences));
    paragraphs.push(sents.join(' '));
  }
  // A unique number keeps articles from being exact copies of each other.
  paragraphs[paragraphs.length - 1] += ` وبلغ عدد المشاركين ${100 + (i % 9000)} مشاركا.`;
  const words = pick(r, sentences).split(' ');
  const headline = words
    .slice(0, 6 + Math.floor(r() * 6))
    .join(' ')
    .replace(/[.،,]+$/, '');
  const date = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { headline, dateline, paragraphs, date };
}

function textCapture(a: Article): string {
  const [first, ...rest] = a.paragraphs;
  return [a.headline, '', `${a.dateline} ${first}`, '', ...rest.flatMap((p) => [p, '']), 'مشاركة :', ''].join(
    '\n',
  );
}

const JS_WORDS = [
  'function',
  'var',
  'return',
  'window',
  'document',
  'addEventListener',
  'querySelector',
  'dataLayer',
  'push',
  'analytics',
  'config',
  'if',
  'else',
  'for',
  'length',
];

function script(r: () => number, bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < bytes) {
    const w = `${pick(r, JS_WORDS)}${Math.floor(r() * 1000)}`;
    const s =
      r() < 0.2
        ? `${w}("<div class=\\"x\\">${w}</div>");`
        : r() < 0.5
          ? `${w}=${Math.floor(r() * 1e6)};`
          : `${w}.`;
    parts.push(s);
    n += s.length;
  }
  return `<script>${parts.join('')}</script>\n`;
}

function menu(r: () => number, links: number): string {
  const items: string[] = [];
  for (let i = 0; i < links; i++) {
    const s = pick(r, SECTIONS);
    items.push(`<li class="menu-item"><a href="/section/${i}/${encodeURIComponent(s)}">${s}</a></li>`);
  }
  return `<nav class="main-menu"><ul>${items.join('')}</ul></nav>\n`;
}

function htmlPage(r: () => number, a: Article, i: number, sentences: string[]): string {
  const target = 50_000 + Math.floor(r() * 100_000);
  const url = `https://news.example.test/${a.date.replace(/-/g, '/')}/${i}.html`;
  const head = `<!doctype html>\n<html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>${a.headline} - أخبار المثال</title>\n<meta property="og:title" content="${a.headline}"><meta property="og:url" content="${url}"><meta property="article:published_time" content="${a.date}T08:00:00+00:00"><link rel="canonical" href="${url}">\n<style>.menu-item{display:inline-block;padding:4px}.footer a{color:#333}</style>\n`;
  const related = Array.from(
    { length: 8 },
    () => `<li><a href="/r/${Math.floor(r() * 1e6)}">${pick(r, sentences).slice(0, 60)}</a></li>`,
  ).join('');
  const body = `<article><h1>${a.headline}</h1>\n<p>${a.dateline} ${a.paragraphs[0]}</p>\n${a.paragraphs
    .slice(1)
    .map((p) => `<p>${p}</p>`)
    .join(
      '\n',
    )}\n<div class="share">مشاركة : فيسبوك تويتر واتساب</div></article>\n<aside class="related"><h3>اقرأ أيضا</h3><ul>${related}</ul></aside>\n`;
  const footer = `<footer class="footer"><p>جميع الحقوق محفوظة © أخبار المثال</p>${menu(r, 30)}</footer>\n`;
  const fixed = head.length + body.length + footer.length + 40;
  // Split the remaining bytes between menus and scripts, as real pages do.
  const rest = Math.max(0, target - fixed * 2);
  const menuBytes = Math.floor(rest * 0.35);
  const scriptBytes = rest - menuBytes;
  return `${head}${script(r, Math.floor(scriptBytes / 2))}</head><body>\n${menu(r, Math.max(20, Math.floor(menuBytes / 90)))}${body}${footer}${script(r, Math.ceil(scriptBytes / 2))}</body></html>\n`;
}

/** The repository's fixtures/raw, found upwards from this file (or the bundle) or the working directory. */
function defaultSeeds(): string {
  for (const start of [dirname(fileURLToPath(import.meta.url)), process.cwd()]) {
    for (let d = start; ; d = dirname(d)) {
      if (existsSync(join(d, 'fixtures', 'raw'))) return join(d, 'fixtures', 'raw');
      if (dirname(d) === d) break;
    }
  }
  throw new Error('fixtures/raw not found above this file or the working directory; pass seedsDir');
}

/**
 * ANERcorp's training split in ../shared/benchmarks beside the repository (the repository being the
 * folder above fixtures/raw), or AKHBAR_BENCH_NEWS_SOURCE: the material of the newswire-vocabulary
 * corpus. Read at benchmark time only, never committed. The path, which may not exist.
 */
export function newswireSource(): string {
  return (
    process.env.AKHBAR_BENCH_NEWS_SOURCE ??
    join(
      dirname(dirname(defaultSeeds())),
      '..',
      'shared',
      'benchmarks',
      'anercorp',
      'ANERCorp_CamelLab_train.txt',
    )
  );
}

/** The sentences of the newswire-vocabulary corpus, read from `path` (default newswireSource()). */
export function newswireCorpusSentences(path = newswireSource()): string[] {
  return newswireSentences(readFileSync(path, 'utf8'));
}

/**
 * Write `count` inputs into dir/NNNN/*.txt|html, or as JSONL records into dir/NNNN.jsonl.
 * Deterministic in (options minus dir).
 */
export function generateCorpus(options: CorpusOptions): CorpusInfo {
  const sentences = options.sentences ?? seedSentences(options.seedsDir ?? defaultSeeds());
  const r = prng((options.seed ?? 1) * 2654435761 + (options.kind === 'html' ? 7 : 3));
  if (options.kind === 'jsonl') return generateJsonl(options, r, sentences);
  const per = options.perFolder ?? 1000;
  let bytes = 0;
  for (let i = 0; i < options.count; i++) {
    const sub = join(options.dir, String(Math.floor(i / per)).padStart(4, '0'));
    if (i % per === 0) mkdirSync(sub, { recursive: true });
    const a = article(r, sentences, i);
    const content = options.kind === 'text' ? textCapture(a) : htmlPage(r, a, i, sentences);
    const buf = Buffer.from(content, 'utf8');
    writeFileSync(
      join(sub, `${String(i).padStart(7, '0')}.${options.kind === 'text' ? 'txt' : 'html'}`),
      buf,
    );
    bytes += buf.length;
  }
  return { files: options.count, bytes };
}

// A crawl of millions of pages comes as a few container files, not millions of loose files.
function generateJsonl(options: CorpusOptions, r: () => number, sentences: string[]): CorpusInfo {
  mkdirSync(options.dir, { recursive: true });
  const per = options.perJsonl ?? 10_000;
  let bytes = 0;
  let files = 0;
  for (let from = 0; from < options.count; from += per) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(options.count, from + per); i++) {
      const a = article(r, sentences, i);
      const url = `https://news.example.test/${a.date.replace(/-/g, '/')}/${i}.html`;
      lines.push(JSON.stringify({ url, text: textCapture(a), fetched_at: `${a.date}T09:00:00Z` }));
    }
    const buf = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    writeFileSync(join(options.dir, `${String(files++).padStart(4, '0')}.jsonl`), buf);
    bytes += buf.length;
  }
  return { files, bytes };
}
