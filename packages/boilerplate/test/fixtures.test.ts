import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type StripResult, stripHtml, stripText } from '../src/index.js';

const root = join(__dirname, '../../../fixtures');
const dir = join(root, 'boilerplate');

interface Expected {
  file: string;
  what: string;
  body: string;
  title?: string;
  contentType?: string;
  url?: string;
  removed: Array<{ rule: string; kind: string; text: string; start: number; end: number }>;
  metaLines?: Array<{ rule: string; text: string }>;
}

function run(e: Expected): StripResult {
  const bytes = new Uint8Array(readFileSync(join(dir, e.file)));
  return e.file.startsWith('text/')
    ? stripText(new TextDecoder().decode(bytes))
    : stripHtml(bytes, { contentType: e.contentType, url: e.url });
}

function checkSpans(r: StripResult): void {
  for (const x of r.removed) expect(r.source.slice(x.start, x.end)).toBe(x.text);
  for (const b of r.blocks) expect(b.start).toBeLessThan(b.end);
  if (r.body) expect(r.blocks.at(-1)!.end).toBe(r.body.length);
  // Removals do not overlap and come in source order.
  for (let i = 1; i < r.removed.length; i++)
    expect(r.removed[i]!.start).toBeGreaterThanOrEqual(r.removed[i - 1]!.end);
}

const files = readdirSync(join(dir, 'expected')).filter((f) => /^[et]\d\d-/.test(f));

describe('constructed edge-case fixtures', () => {
  it('has at least 15 constructed cases', () => expect(files.length).toBeGreaterThanOrEqual(15));
  for (const f of files) {
    const e = JSON.parse(readFileSync(join(dir, 'expected', f), 'utf8')) as Expected;
    describe(`${f.replace('.json', '')}: ${e.what}`, () => {
      const r = run(e);
      it('body equals the hand-written body', () => expect(r.body).toBe(e.body));
      it('removals equal the reviewed list', () => expect(r.removed).toEqual(e.removed));
      it('spans hold', () => checkSpans(r));
      if (e.title)
        it('offers the headline as a title candidate', () =>
          expect(r.titleCandidates.map((c) => c.text)).toContain(e.title));
      if (e.metaLines) it('passes metadata lines on', () => expect(r.page.metaLines).toEqual(e.metaLines));
      it('is deterministic', () => expect(JSON.stringify(run(e))).toBe(JSON.stringify(r)));
    });
  }
});

describe('the five seeds as HTML pages', () => {
  const seedsHtml = JSON.parse(readFileSync(join(dir, 'expected', 'seeds-html.json'), 'utf8')) as Record<
    string,
    { removed: Expected['removed']; metaLines: Expected['metaLines'] }
  >;
  for (const f of readdirSync(join(dir, 'html')).filter((x) => /^\d{3}_/.test(x))) {
    const seed = JSON.parse(readFileSync(join(root, 'expected', f.replace('.html', '.json')), 'utf8')) as {
      body: string;
      title: string | null;
    };
    const r = stripHtml(new Uint8Array(readFileSync(join(dir, 'html', f))));
    it(`${f}: body equals the seed's hand-written body`, () => expect(r.body).toBe(seed.body));
    it(`${f}: removals equal the reviewed list, spans hold`, () => {
      expect(r.removed).toEqual(seedsHtml[f]!.removed);
      expect(r.page.metaLines).toEqual(seedsHtml[f]!.metaLines);
      checkSpans(r);
    });
    it(`${f}: the h1 is the seed's title, or there is none`, () => {
      expect(r.titleCandidates.find((c) => c.source === 'h1')?.text ?? null).toBe(seed.title);
    });
  }
});

describe('page metadata (e10)', () => {
  const e = JSON.parse(readFileSync(join(dir, 'expected', 'e10-jsonld-broken.json'), 'utf8')) as Expected;
  const r = run(e);
  it('reads og:*, article:published_time, author, keywords and resolves the canonical link', () => {
    expect(r.page).toMatchObject({
      lang: 'ar',
      ogTitle: 'افتتاح ثلاثة مستشفيات جديدة في الجنوب',
      ogSiteName: 'أخبار اليوم',
      publishedTime: '2025-03-04T10:30:00+03:00',
      author: ['سارة أحمد'],
      keywords: ['الصحة', 'مستشفيات', 'الجنوب'],
      canonicalUrl: 'https://news.example.org/health/2025/03/04/hospitals',
    });
  });
  it('repairs the JSON-LD trailing comma and finds the NewsArticle inside @graph', () => {
    expect(r.page.jsonLd).toEqual({
      type: 'NewsArticle',
      headline: 'افتتاح ثلاثة مستشفيات جديدة في الجنوب',
      datePublished: '2025-03-04T10:30:00+03:00',
      dateModified: '2025-03-04T12:00:00+03:00',
      author: ['سارة أحمد'],
      publisher: 'أخبار اليوم',
    });
  });
  it('offers every title source in a fixed order', () => {
    expect(r.titleCandidates.map((c) => c.source)).toEqual(['h1', 'og:title', 'json-ld', 'html-title']);
  });
});
