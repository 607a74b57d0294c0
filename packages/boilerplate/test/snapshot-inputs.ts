/**
 * The inputs of the strip snapshot (test/fixtures/strip-snapshot.json.gz): the repository's text
 * captures, texts generated from a fixed seed that mix their lines with furniture labels, bullets,
 * dates, counters, odd line ends and invisible marks, hostile input (1 MB lines, runs of one character,
 * 20,000 short lines), and the HTML fixtures. The synthetic corpus texts are passed in by the maker
 * (apps/pipeline/bench/synthetic.ts writes them); all inputs are stored in the snapshot itself, so
 * only the maker (test/make-strip-snapshot.ts) loads this module.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Seeded, so the inputs never depend on Math.random (make-time only: the inputs are stored).
import { prng } from '../../../apps/pipeline/bench/synthetic.js';
import {
  ADVERT_LINES,
  COMMENTS_LINES,
  FURNITURE_LINES,
  NAVIGATION_LINES,
  RELATED_HEADINGS,
  SENTENCE_OPENERS,
  SHARE_LABELS,
  SOCIAL_NETWORKS,
} from '../src/lexicon.js';
import type { PageInput } from './strip-snapshot.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures');

function filesIn(dir: string, ext: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => join(dir, f));
}

/** Text captures and article bodies of the repository. */
export function fixtureTexts(): string[] {
  const out: string[] = [];
  for (const f of filesIn(join(fixtures, 'raw'), '.txt')) out.push(readFileSync(f, 'utf8'));
  for (const f of filesIn(join(fixtures, 'boilerplate', 'text'), '.txt')) out.push(readFileSync(f, 'utf8'));
  for (const f of filesIn(join(fixtures, 'expected'), '.json'))
    out.push(JSON.parse(readFileSync(f, 'utf8')).body);
  return out;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function pageInput(name: string, bytes: Buffer, contentType?: string): PageInput {
  try {
    const html = UTF8.decode(bytes);
    if (Buffer.from(html).equals(bytes)) return { name, html, contentType };
  } catch {
    // not UTF-8: stored as base64
  }
  return { name, base64: bytes.toString('base64'), contentType };
}

/** The HTML fixture pages (some are not UTF-8), with the caller's Content-Type. */
export function fixturePages(): PageInput[] {
  const expected = join(fixtures, 'boilerplate', 'expected');
  return filesIn(join(fixtures, 'boilerplate', 'html'), '.html').map((f) => {
    const name = f.slice(f.lastIndexOf('/') + 1);
    let contentType: string | undefined;
    try {
      contentType = JSON.parse(
        readFileSync(join(expected, name.replace('.html', '.json')), 'utf8'),
      ).contentType;
    } catch {
      // the seed pages have no expected file of their own
    }
    return pageInput(name, readFileSync(f), contentType);
  });
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

const BULLETS = ['', '', '• ', '· ', '▪ ', '* ', '- ', '> ', '» '];
const SEPARATORS = ['\n', '\n', '\n\n', '\r\n', '\r', '\u2028', '\u2029', '\n \n', '\n\t\n'];
const ODD = ['\u00a0', '\u200f', '\u200e', '\ufeff', '\u200c', '\u0640', '\t', '  '];
const FURNITURE = [
  'مشاركة :',
  'شارك: فيسبوك تويتر واتساب',
  'فيسبوك | تويتر | واتساب | تيليجرام',
  'الرابط المختصر: https://x.test/a1',
  'الرئيسية > أخبار > عربي ودولي',
  'أخبار >> عربي ودولي >> مصر',
  '/مصدر: شينخوا/   2025:07:11.09:45',
  'المصدر: وكالات',
  '(أبوظبي - البيان)',
  '(رويترز)',
  '12/05/2024 - 10:30',
  '10:45 ص',
  '• 1,234',
  '4521',
  'عدد المشاهدات: 1200',
  '350 مشاهدة',
  'الخميس 10 يوليو 2025 - 09:56 ص',
  'نشر في: 2024-03-01',
  'بقلم: أحمد محمد',
  'كتب - محمد علي',
  'اقرأ أيضا:',
  'اقرأ أيضاً: الصين وروسيا تبحثان التعاون',
  'الكلمات المفتاحية: الصين، روسيا، البريكس',
  'وسوم: اقتصاد',
  'جميع الحقوق محفوظة © 2025',
  'Copyright (c) 2024 Example News',
  'اشترك في النشرة البريدية',
  'تصوير: محمد أحمد',
  'صورة 3 من 10',
  'This video requires JavaScript.',
  'fa-facebook-square',
  'Read more',
  'نستخدم ملفات تعريف الارتباط (كوكيز) لتحسين تجربتك. بمتابعة التصفح فإنك توافق على ذلك.',
  'سياسة ملفات تعريف الارتباط',
  'موافق',
  'رفض',
  '3 تعليقات',
  '***',
  '|',
];
const DATES = ['2024-03-01', '1 مايو 2025', '12 رمضان 1445 هـ', '05/04/2024', '٢٠٢٤/٣/١'];

function lexiconLines(): string[] {
  return [
    ...SHARE_LABELS,
    ...SOCIAL_NETWORKS,
    ...RELATED_HEADINGS,
    ...NAVIGATION_LINES,
    ...FURNITURE_LINES,
    ...ADVERT_LINES,
    ...COMMENTS_LINES,
  ].sort();
}

/** Lines of the fixture texts, split at full stops too, for sentences to recombine. */
function pool(texts: string[]): { lines: string[]; sentences: string[] } {
  const lines = [
    ...new Set(texts.flatMap((t) => t.split(/\r\n|[\n\r\u2028\u2029]/).map((l) => l.trim()))),
  ].filter((l) => l.length > 0);
  const sentences = lines.flatMap((l) => l.split(/(?<=[.؟!])\s+/)).filter((s) => s.length >= 20);
  return { lines: lines.sort(), sentences: sentences.sort() };
}

function generated(texts: string[]): string[] {
  const r = prng(20261126);
  const { lines, sentences } = pool(texts);
  const labels = lexiconLines();
  const openers = [...SENTENCE_OPENERS].sort();
  const out: string[] = [];
  for (let t = 0; t < 160; t++) {
    const n = 3 + Math.floor(r() * 40);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) {
      const x = r();
      let line: string;
      if (x < 0.25) line = pick(r, lines);
      else if (x < 0.45) line = pick(r, FURNITURE);
      else if (x < 0.55) line = pick(r, labels);
      else if (x < 0.62) line = `${pick(r, labels)}: ${pick(r, labels)} ${pick(r, DATES)}`;
      else if (x < 0.7) {
        // A paragraph with a flattened subheading: '. word word word opener ...'
        const words = pick(r, sentences)
          .split(' ')
          .slice(0, 2 + Math.floor(r() * 4));
        line = `${pick(r, sentences)} ${words.join(' ')} ${pick(r, openers)} ${pick(r, sentences)}`;
      } else if (x < 0.8) {
        // Long lines: 80 to 1,500 characters, some opening with a label.
        let s = r() < 0.4 ? `${pick(r, labels)} ` : '';
        const target = 80 + Math.floor(r() * 1420);
        while (s.length < target) s += `${pick(r, sentences)} `;
        line = s;
      } else if (x < 0.86) line = `${pick(r, BULLETS)}${pick(r, DATES)}`;
      else if (x < 0.9)
        line = pick(r, sentences)
          .split(' ')
          .slice(0, 1 + Math.floor(r() * 2))
          .join(' ');
      else line = pick(r, sentences);
      line = pick(r, BULLETS) + line;
      if (r() < 0.15) line = `${pick(r, ODD)}${line}${pick(r, ODD)}`;
      if (r() < 0.05) line = line.toUpperCase();
      parts.push(line);
    }
    out.push(parts.map((p) => p + pick(r, SEPARATORS)).join(''));
  }
  return out;
}

/** A 1 MB line of prose: an 8,000-character stretch of sentences repeated (inside gzip's window, so the fixture stays small). */
function megabyteLine(sentences: string[], r: () => number): string {
  let chunk = '';
  while (chunk.length < 8_000) chunk += `${pick(r, sentences)} `;
  return chunk.repeat(Math.ceil(1_000_000 / chunk.length));
}

/** Input no article has, but a scraper can produce. */
export function hostileTexts(texts: string[]): string[] {
  const { sentences } = pool(texts);
  const r = prng(7);
  const mb = megabyteLine(sentences, r);
  const out = ['', ' ', '\n\n\n', '\r\n\r\n', '\u2028', 'ا', '.', '©'];
  for (const c of ['ا', 'a', ' ', '.', '©', '>', '»', 'ـ', '\u200f', '\u064e', ':', '\r', '\n', '1', '٣']) {
    out.push(c.repeat(200_000));
  }
  out.push(mb); // a 1 MB single line of prose
  out.push(`مشاركة: ${mb}`);
  out.push('x\n'.repeat(20_000)); // many short lines
  out.push('فيسبوك\n'.repeat(5_000));
  out.push('اقرأ أيضا:\nعنوان قصير\n'.repeat(2_000));
  out.push('ارتباط كوكيز cookie '.repeat(20_000));
  out.push('. قال '.repeat(50_000));
  out.push('. عنوان فرعي قصير قال '.repeat(2_000));
  out.push(`${'الصين '.repeat(100_000)}.`);
  out.push('كوكيز\nموافق\n'.repeat(2_000));
  return out;
}

/** All text inputs, in a fixed order: fixtures, generated, the given synthetic captures, hostile. */
export function snapshotTexts(synthetic: string[]): string[] {
  const base = fixtureTexts();
  return [...base, ...generated(base), ...synthetic, ...hostileTexts(base)];
}

/** Pages with a 1 MB paragraph, 5,000 short paragraphs, and furniture everywhere. */
export function hostilePages(): PageInput[] {
  const { sentences } = pool(fixtureTexts());
  const r = prng(11);
  const page = (body: string) =>
    `<!doctype html><html lang="ar"><head><meta charset="utf-8"><title>عنوان</title></head><body><article>${body}</article></body></html>`;
  const pages = [
    page(`<p>${megabyteLine(sentences, r)}</p>`),
    page('<p>فقرة قصيرة</p>'.repeat(5_000)),
    page(
      FURNITURE.map((f) => `<p>${f}</p>`)
        .join('')
        .repeat(50),
    ),
    page(`<div>${'<div>'.repeat(2_000)}نص${'</div>'.repeat(2_000)}</div>`),
  ];
  return pages.map((html, i) => ({ name: `hostile-${i}.html`, html }));
}
