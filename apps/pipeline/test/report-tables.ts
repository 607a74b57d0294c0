// Table sets for the report tests, written as the JSONL files `akhbar run` produces.
//  - fixtureTables: the five seeds with their hand-checked bodies, titles and removed rules from
//    fixtures/expected, and metadata read by hand from the Arabic (dateline place, date, agency).
//    Mentions come from a small hand-written name list matched in the bodies.
//  - syntheticTables: a deterministic corpus of any size for the scale test (never committed).
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '../../../fixtures');

export interface Tables {
  articles: Array<Record<string, unknown>>;
  mentions: Array<Record<string, unknown>>;
  removed: Array<Record<string, unknown>>;
  errors: Array<Record<string, unknown>>;
}

// Metadata read from each seed's opening dateline, e.g. 001 'ناننينغ 23 مارس 2021 (شينخوا)'.
const SEED_META: Record<string, { published: string | null; agency: string | null; place: string | null }> = {
  '000_3578d4bbbe0f765b': { published: null, agency: null, place: null }, // 'اليوم (الأربعاء)', no date given
  '001_f118cac7954edc78': { published: '2021-03-23', agency: 'Xinhua', place: 'ناننينغ' },
  '002_8fe0a44215cf6e95': { published: '2025-07-10', agency: 'Xinhua', place: 'كوالالمبور' },
  '003_7c720f35d0bfb14e': { published: null, agency: null, place: null },
  '004_84ffc645cff79ea0': { published: '2020-12-31', agency: 'Xinhua', place: 'بكين' },
};

// Names as they are spelled in the seeds; longest surface wins where two overlap.
const NAMES: Array<{ id: string; type: string; ar: string; en: string; surfaces: string[] }> = [
  { id: 'Q-wang-yi', type: 'PERSON', ar: 'وانغ يي', en: 'Wang Yi', surfaces: ['وانغ يي', 'وانغ'] },
  {
    id: 'Q-lavrov',
    type: 'PERSON',
    ar: 'سيرغي لافروف',
    en: 'Sergey Lavrov',
    surfaces: ['سيرجي لافروف', 'سيرغي لافروف', 'لافروف'],
  },
  {
    id: 'Q-putin',
    type: 'PERSON',
    ar: 'فلاديمير بوتين',
    en: 'Vladimir Putin',
    surfaces: ['فلاديمير بوتين', 'بوتين'],
  },
  { id: 'Q-xi', type: 'PERSON', ar: 'شي جين بينغ', en: 'Xi Jinping', surfaces: ['شي جين بينغ'] },
  {
    id: 'Q-cpc',
    type: 'ORG',
    ar: 'الحزب الشيوعي الصيني',
    en: 'Communist Party of China',
    surfaces: ['الحزب الشيوعي الصيني'],
  },
  { id: 'Q-brics', type: 'ORG', ar: 'بريكس', en: 'BRICS', surfaces: ['البريكس', 'بريكس'] },
  { id: 'Q-china', type: 'LOC', ar: 'الصين', en: 'China', surfaces: ['الصين'] },
  { id: 'Q-russia', type: 'LOC', ar: 'روسيا', en: 'Russia', surfaces: ['روسيا'] },
  { id: 'Q-beijing', type: 'LOC', ar: 'بكين', en: 'Beijing', surfaces: ['بكين'] },
  { id: 'Q-kl', type: 'LOC', ar: 'كوالالمبور', en: 'Kuala Lumpur', surfaces: ['كوالالمبور'] },
];

function findMentions(articleId: string, body: string): Array<Record<string, unknown>> {
  const hits: Array<{ start: number; end: number; name: (typeof NAMES)[number]; surface: string }> = [];
  for (const name of NAMES) {
    for (const surface of name.surfaces) {
      for (let at = body.indexOf(surface); at >= 0; at = body.indexOf(surface, at + 1)) {
        hits.push({ start: at, end: at + surface.length, name, surface });
      }
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Array<Record<string, unknown>> = [];
  let last = -1;
  for (const h of hits) {
    if (h.start < last) continue;
    last = h.end;
    out.push({
      article_id: articleId,
      entity_id: h.name.id,
      type: h.name.type,
      surface: h.surface,
      canonical_ar: h.name.ar,
      canonical_en: h.name.en,
      start: h.start,
      end: h.end,
      method: 'gazetteer',
      confidence: 1,
    });
  }
  return out;
}

export function fixtureTables(): Tables {
  const t: Tables = { articles: [], mentions: [], removed: [], errors: [] };
  for (const [seed, meta] of Object.entries(SEED_META)) {
    const exp = JSON.parse(readFileSync(join(FIXTURES, 'expected', `${seed}.json`), 'utf8')) as {
      body: string;
      title: string | null;
      removed?: Array<{ rule: string; text: string; start: number; end: number }>;
    };
    const id = `a-${seed.slice(0, 3)}`;
    t.articles.push({
      article_id: id,
      source_path: `fixtures/raw/${seed}.txt`,
      url: null,
      site: null,
      title: exp.title,
      body: exp.body,
      published: meta.published,
      published_source: meta.published === null ? null : 'dateline',
      weekday: null,
      dateline_place: meta.place,
      agency: meta.agency,
      word_count: exp.body.split(/\s+/).length,
      content_sha256: seed,
      duplicate_of: null,
      pipeline_version: '0.1.0',
    });
    t.mentions.push(...findMentions(id, exp.body));
    for (const r of exp.removed ?? []) {
      t.removed.push({ article_id: id, rule: r.rule, text: r.text, start: r.start, end: r.end });
    }
  }
  t.errors.push(
    { source_path: 'crawl/empty.txt', stage: 'decode', message: 'empty file: nothing to read' },
    { source_path: 'crawl/photo.jpg.txt', stage: 'decode', message: 'binary content, not text' },
    { source_path: 'crawl/english.html', stage: 'boilerplate', message: 'no Arabic text on the page' },
  );
  return t;
}

/** Reads the JSONL tables of a run folder back into rows (small runs only). */
export function readTables(dir: string): Tables {
  const read = (name: string) =>
    readFileSync(join(dir, `${name}.jsonl`), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    articles: read('articles'),
    mentions: read('mentions'),
    removed: read('removed'),
    errors: read('errors'),
  };
}

export function writeTables(dir: string, t: Tables): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, rows] of Object.entries(t) as Array<[string, Array<Record<string, unknown>>]>) {
    writeFileSync(join(dir, `${name}.jsonl`), rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  }
}

/** A deterministic corpus: `n` articles over ten years, 12 sources, ~12 mentions each from a pool of
 * 3,000 entities in 40 topics with a heavy-tailed popularity, 4 removed segments each, and 1% errors. Bodies are
 * short: the report never reads them. */
export function writeSyntheticTables(dir: string, n: number): { articles: number; mentions: number } {
  mkdirSync(dir, { recursive: true });
  let seed = 12345;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  const zipf = (k: number) => Math.floor(k * rand() ** 3); // heavy head: low indexes far more frequent
  const types = ['PERSON', 'ORG', 'LOC'];
  const sites = Array.from({ length: 12 }, (_, i) => `site${i}.example`);
  const agencies = ['Xinhua', 'RIA Novosti', 'TASS', 'MENA', 'WAM', 'SPA', null];
  const places = Array.from({ length: 60 }, (_, i) => `مدينة ${i}`);
  const rules = Array.from({ length: 30 }, (_, i) => `rule-${i}`);
  // Rows are buffered per table and flushed every 5,000 articles, so memory stays flat at any n.
  const names = ['articles', 'mentions', 'removed', 'errors'] as const;
  const fds = names.map((name) => openSync(join(dir, `${name}.jsonl`), 'w'));
  const bufs: string[][] = names.map(() => []);
  const [articles, mentions, removed, errors] = bufs as [string[], string[], string[], string[]];
  const flush = () =>
    bufs.forEach((b, t) => {
      if (b.length > 0) writeSync(fds[t]!, `${b.join('\n')}\n`);
      b.length = 0;
    });
  let m = 0;
  for (let i = 0; i < n; i++) {
    const id = `s${String(i).padStart(7, '0')}`;
    const year = 2015 + Math.floor(rand() * 10);
    const month = 1 + Math.floor(rand() * 12);
    const dated = rand() > 0.05;
    articles.push(
      JSON.stringify({
        article_id: id,
        source_path: `synthetic/${id}.txt`,
        url: null,
        site: sites[zipf(sites.length)],
        title: rand() > 0.03 ? `عنوان ${i}` : null,
        body: 'نص',
        published: dated ? `${year}-${String(month).padStart(2, '0')}-15` : null,
        published_source: dated ? 'dateline' : null,
        weekday: null,
        dateline_place: rand() > 0.2 ? places[zipf(places.length)] : null,
        agency: agencies[zipf(agencies.length)],
        word_count: 300,
        content_sha256: id,
        duplicate_of: rand() > 0.98 ? 's0000000' : null,
        pipeline_version: '0.1.0',
      }),
    );
    // Stories have a topic: most names come from that topic's 75 entities, the rest from everywhere,
    // so the co-mention network has the clustered shape of real news rather than a random hairball.
    const topic = zipf(40);
    const k = 6 + Math.floor(rand() * 12);
    for (let j = 0; j < k; j++) {
      const e = rand() < 0.7 ? topic * 75 + zipf(75) : zipf(3000);
      const type = types[e % 3]!;
      mentions.push(
        JSON.stringify({
          article_id: id,
          entity_id: `E${e}`,
          type,
          surface: `كيان ${e}`,
          canonical_ar: `كيان ${e}`,
          canonical_en: `Entity ${e}`,
          start: j * 10,
          end: j * 10 + 6,
          method: 'gazetteer',
          confidence: 1,
        }),
      );
      m++;
    }
    for (let j = 0; j < 4; j++) {
      removed.push(
        JSON.stringify({ article_id: id, rule: rules[zipf(rules.length)], text: 'مشاركة', start: 0, end: 6 }),
      );
    }
    if (i % 100 === 0) {
      errors.push(
        JSON.stringify({ source_path: `synthetic/bad-${i}.txt`, stage: 'decode', message: 'empty file' }),
      );
    }
    if (i % 5000 === 4999) flush();
  }
  flush();
  for (const fd of fds) closeSync(fd);
  return { articles: n, mentions: m };
}
