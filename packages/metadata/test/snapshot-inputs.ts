/**
 * The inputs of the metadata snapshot (test/fixtures/metadata-snapshot.json.gz): the repository's
 * expected fixtures and constructed cases, stripped articles handed in by the maker, articles generated
 * from a fixed seed (datelines in every form the grammar reads, weekday cues, credits, page lines, JSON-LD,
 * sidecars, URLs, spelling variants), and hostile input. All inputs are stored in the snapshot itself.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// Seeded, so the inputs never depend on Math.random (make-time only: the inputs are stored).
import { prng } from '../../../apps/pipeline/bench/synthetic.js';
import { AGENCIES } from '../src/data/agencies.js';
import { GREGORIAN_MONTHS, HIJRI_MONTHS, LATIN_MONTHS, WEEKDAYS } from '../src/data/months.js';
import { PLACES } from '../src/data/places.js';
import type { MetadataInput } from '../src/index.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures');

/** The expected fixtures' inputs and the constructed cases. */
export function fixtureInputs(): MetadataInput[] {
  const dir = join(fixtures, 'expected');
  const seeds = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .map((o) => ({ body: o.body, ...o.metadata.input }) as MetadataInput);
  const { cases } = JSON.parse(readFileSync(join(fixtures, 'metadata', 'cases.json'), 'utf8')) as {
    cases: Array<{ input: MetadataInput }>;
  };
  return [...seeds, ...cases.map((c) => c.input)];
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

const INDIC = '٠١٢٣٤٥٦٧٨٩';
const MARKS = ['\u064e', '\u064b', '\u0651', '\u0640', '\u200f'];

/** Digits in Arabic-Indic form, sometimes. */
function digits(r: () => number, n: number | string): string {
  const s = String(n);
  return r() < 0.2 ? s.replace(/\d/g, (d) => INDIC[+d]!) : s;
}

/** A mark or tatweel inside a word, sometimes. */
function decorate(r: () => number, w: string): string {
  if (r() > 0.15 || w.length < 2) return w;
  const i = 1 + Math.floor(r() * (w.length - 1));
  return w.slice(0, i) + pick(r, MARKS) + w.slice(i);
}

function dateline(r: () => number): string {
  const place = decorate(r, pick(r, PLACES)[0]);
  const agency = decorate(r, pick(r, pick(r, AGENCIES).surfaces));
  const d = digits(r, 1 + Math.floor(r() * 31));
  const [mNum, mNames] = pick(r, r() < 0.8 ? GREGORIAN_MONTHS : LATIN_MONTHS);
  const month = decorate(r, pick(r, mNames));
  const y = digits(r, 2000 + Math.floor(r() * 30));
  const [, , dayNames] = pick(r, WEEKDAYS);
  const [, hNames] = pick(r, HIJRI_MONTHS);
  const forms = [
    `${place} ${d} ${month} ${y} (${agency}) -`,
    `${place} - ${agency}`,
    `${place} (${agency}) --`,
    `(${agency}) -`,
    `${place}، ${d} ${month} (${agency}) -`,
    `${place} في ${d} ${month} ${y} /${agency}/`,
    `${place} - ${d}/${mNum}/${y} (${agency})`,
    `${place} ${digits(r, 1 + Math.floor(r() * 29))} ${pick(r, hNames)} ${digits(r, 1400 + Math.floor(r() * 60))} هـ الموافق ${d} ${month} ${y} م ${agency}`,
    `${place} - ${d} - ${mNum} (كونا) --`,
    `${place}، ${pick(r, PLACES)[0]} (${agency}) --`,
    `${place} ${pick(r, dayNames)} ${d} ${month} ${y} (${agency}):`,
    `${place} ${d}-${mNum}-${y} [${agency}]`,
    `${place}`,
    `قال ${place} (${agency}) -`,
  ];
  return pick(r, forms);
}

function weekdayCue(r: () => number): string {
  const [, , names] = pick(r, WEEKDAYS);
  const day = pick(r, names);
  const cue = pick(r, [
    'اليوم',
    'أمس',
    'امس',
    'إمس',
    'غداً',
    'غدا',
    'البارحة',
    'أول أمس',
    'أمس الأول',
    'واليوم',
    'فأمس',
  ]);
  return pick(r, [
    `${cue} (${day})`,
    `${cue} ${day}`,
    `${cue} يوم ${day}`,
    `${cue} [${day}]`,
    `${cue} الماضي`,
    cue,
  ]);
}

const CREDITS = [
  'المصدر: وكالات',
  'المصدر: شينخوا',
  'نقلا عن رويترز',
  'عن وكالة الأنباء',
  'بقلم: أحمد محمد',
  'كتب - محمد علي:',
  'تصوير: سامي',
  'حوار: ليلى',
  'مصدر الخبر: وام',
];
const META_LINES = [
  '2024-03-01 10:30',
  'نشر في: 12/05/2024 - 10:30',
  'آخر تحديث: 2024-03-02',
  'الخميس 10 يوليو 2025 - 09:56 ص',
  'منذ 3 ساعات',
  'منذ يومين',
  'أمس',
  '/مصدر: شينخوا/   2025:07:11.09:45',
  'تم نشره الجمعة 24 نيسان 2020',
  '05/04/2024',
  '١٢ رمضان ١٤٤٥ هـ',
  'published 2023-11-05T08:00:00+03:00',
];
const FETCHED = [undefined, '2025-07-10', '2025-07-10T09:00:00Z', '2024-01-01T23:30:00+03:00', 'bad date'];

/** Articles generated from sentences of the given bodies. */
export function generatedInputs(bodies: string[]): MetadataInput[] {
  const sentences = [...new Set(bodies.flatMap((b) => b.split(/(?<=[.؟!])\s+|\n+/)))]
    .filter((s) => s.length >= 20 && s.length < 600)
    .sort();
  const r = prng(20261126);
  const out: MetadataInput[] = [];
  for (let t = 0; t < 300; t++) {
    const paragraphs: string[] = [];
    const n = 1 + Math.floor(r() * 8);
    for (let p = 0; p < n; p++) {
      const words = pick(r, sentences).split(' ');
      if (r() < 0.4) words.splice(Math.floor(r() * words.length), 0, weekdayCue(r));
      if (r() < 0.1)
        words.splice(
          Math.floor(r() * words.length),
          0,
          pick(r, ['هنا', 'هنا في دبي،', 'هنا في كوالالمبور.']),
        );
      if (r() < 0.2) words.splice(Math.floor(r() * words.length), 0, pick(r, META_LINES));
      paragraphs.push(words.join(' '));
    }
    if (r() < 0.7) paragraphs[0] = `${dateline(r)} ${paragraphs[0]}`;
    if (r() < 0.15) paragraphs.unshift(pick(r, CREDITS));
    if (r() < 0.3) paragraphs.push(pick(r, CREDITS));
    const input: MetadataInput = { body: paragraphs.join(r() < 0.9 ? '\n\n' : '\n') };
    if (r() < 0.5)
      input.titleCandidates = [{ source: 'text-headline', text: pick(r, sentences).slice(0, 80) }];
    const page: NonNullable<MetadataInput['page']> = {};
    if (r() < 0.4)
      page.metaLines = [
        { rule: 'date-line', text: pick(r, META_LINES) },
        { rule: 'byline', text: pick(r, CREDITS) },
      ];
    if (r() < 0.2)
      page.jsonLd = {
        datePublished: pick(r, ['2024-03-01T08:00:00Z', '2024-13-01', '1 مايو 2025']),
        author: ['فلان'],
      };
    if (r() < 0.2) page.publishedTime = '2025-07-09T22:00:00+00:00';
    if (r() < 0.1) page.htmlTitle = `${pick(r, sentences).slice(0, 60)} | بوابة الأهرام`;
    if (Object.keys(page).length > 0) input.page = page;
    const fetched = pick(r, FETCHED);
    if (fetched !== undefined) input.fetchedAt = fetched;
    if (r() < 0.2)
      input.url = `https://news.example.test/${2015 + Math.floor(r() * 10)}/0${1 + Math.floor(r() * 9)}/1${Math.floor(r() * 9)}/a.html`;
    if (r() < 0.1) input.sidecar = { published: pick(r, META_LINES), crawled_at: '2025-07-11T00:00:00Z' };
    if (r() < 0.1) input.numericOrder = 'mdy';
    out.push(input);
  }
  return out;
}

/** A 1 MB body from an 8,000-character stretch repeated (inside gzip's window: the fixture stays small). */
function megabyte(sentences: string[], r: () => number, sep: string): string {
  let chunk = '';
  while (chunk.length < 8_000) chunk += `${pick(r, sentences)}${sep}`;
  return chunk.repeat(Math.ceil(1_000_000 / chunk.length));
}

/** Input no article has, but a scraper can produce. */
export function hostileInputs(bodies: string[]): MetadataInput[] {
  const sentences = bodies.filter((b) => b.length > 20).sort();
  const r = prng(7);
  const texts = [
    '',
    ' ',
    '\n\n',
    megabyte(sentences, r, ' '),
    megabyte(sentences, r, '\n\n'),
    'اليوم '.repeat(100_000),
    'اليوم (الخميس) '.repeat(20_000),
    'أمس ('.repeat(100_000),
    'غداً'.repeat(100_000),
    '. قال '.repeat(100_000),
    '1'.repeat(200_000),
    '١٢/'.repeat(50_000),
    ' '.repeat(200_000),
    '('.repeat(100_000),
    `بكين ${' '.repeat(100_000)}(شينخوا) -`,
    `بكين ${'ـ'.repeat(100_000)}`,
    'المصدر: '.repeat(50_000),
    'هنا '.repeat(100_000),
    `${'\n\n'.repeat(50_000)}المصدر: وكالات`,
    '2024-03-01 '.repeat(50_000),
  ];
  const out: MetadataInput[] = texts.map((body) => ({ body, fetchedAt: '2025-07-10T09:00:00Z' }));
  out.push({
    body: 'نص',
    page: { metaLines: Array.from({ length: 5_000 }, () => ({ rule: 'x', text: 'منذ 3 ساعات 2024-03-01' })) },
  });
  out.push({ body: 'نص', titleCandidates: [{ source: 'html-title', text: ' | '.repeat(50_000) }] });
  out.push({ body: 'نص', sidecar: { published: '1'.repeat(1000), url: `/${'2024/'.repeat(10_000)}` } });
  return out;
}
