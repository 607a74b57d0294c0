import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/index.js';
import {
  aggregate,
  buildReport,
  loadRun,
  monthOf,
  reportFromInput,
  writeReport,
} from '../src/report/index.js';
import { FIXTURES, fixtureTables, type Tables, writeTables } from './report-tables.js';

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'akhbar-report-'));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function fixtureDir(t: Tables = fixtureTables()): string {
  const dir = tmp();
  writeTables(dir, t);
  return dir;
}

describe('report tables (test helper)', () => {
  it('mentions built from the seeds are spans of their bodies', () => {
    const t = fixtureTables();
    const bodies = new Map(t.articles.map((a) => [a.article_id, a.body as string]));
    expect(t.mentions.length).toBeGreaterThan(50);
    for (const m of t.mentions) {
      const body = bodies.get(m.article_id)!;
      expect(body.slice(m.start as number, m.end as number)).toBe(m.surface);
    }
  });
});

describe('aggregate (fixtures)', () => {
  it('counts what the hand-read seeds say', async () => {
    const d = aggregate(await loadRun(fixtureDir()));
    expect(d.summary).toMatchObject({
      articles: 5,
      dated: 3,
      first: '2020-12-31',
      last: '2025-07-10',
      errors: 3,
    });
    expect(d.timeline.views.site.rows.map((r) => r.source)).toEqual(['(unknown)', '(unknown)', '(unknown)']);
    expect(d.timeline.views.agency.rows).toEqual([
      { month: '2020-12', source: 'Xinhua', n: 1 },
      { month: '2021-03', source: 'Xinhua', n: 1 },
      { month: '2025-07', source: 'Xinhua', n: 1 },
    ]);
    expect(d.timeline.undated).toBe(2);
    expect(d.datelines.rows.map((r) => r.place).sort()).toEqual(['بكين', 'كوالالمبور', 'ناننينغ'].sort());
    expect(d.datelines.without).toBe(2);
    // No seed has a URL, so every article is under the unknown site.
    expect(d.sources).toEqual({
      rows: [
        {
          site: '(unknown)',
          articles: 5,
          first: '2020-12-31',
          last: '2025-07-10',
          dated: 3,
          titled: 3,
          agency: 3,
          dateline: 3,
          duplicates: 0,
        },
      ],
      total: 1,
    });
    const missing = Object.fromEntries(d.quality.missing.map((m) => [m.field, m.n]));
    expect(missing).toEqual({ date: 2, title: 2, agency: 2, dateline: 2 });
    // Seed 001 has three counter bullets (3/24/2021 page furniture: 4, 0, 0), the most frequent rule there.
    expect(d.quality.rules.find((r) => r.rule === 'counter-bullet')).toEqual({
      rule: 'counter-bullet',
      n: 3,
      articles: 1,
    });
    expect(d.quality.errorsByStage).toEqual([
      { stage: 'decode', n: 2 },
      { stage: 'boilerplate', n: 1 },
    ]);
  });

  it('ranks entities by articles then mentions, with counts from the mentions table', async () => {
    const t = fixtureTables();
    const d = aggregate(await loadRun(fixtureDir(t)));
    const wang = d.entities.rows.find((r) => r.entity_id === 'Q-wang-yi')!;
    const wangMentions = t.mentions.filter((m) => m.entity_id === 'Q-wang-yi');
    expect(wang.mention_count).toBe(wangMentions.length);
    expect(wang.article_count).toBe(new Set(wangMentions.map((m) => m.article_id)).size);
    // Wang Yi is in seeds 001 (2021-03-23) and 002 (2025-07-10) among the dated ones; 004 (2020-12-31) names only Xi.
    expect([wang.first_seen, wang.last_seen]).toEqual(['2021-03-23', '2025-07-10']);
    const xi = d.entities.rows.find((r) => r.entity_id === 'Q-xi')!;
    expect(xi.first_seen).toBe('2020-12-31');
    for (let i = 1; i < d.entities.rows.length; i++) {
      const [a, b] = [d.entities.rows[i - 1]!, d.entities.rows[i]!];
      expect(
        a.article_count > b.article_count ||
          (a.article_count === b.article_count && a.mention_count >= b.mention_count),
      ).toBe(true);
    }
  });

  it('links people and organisations met in the same article, weighted by articles', async () => {
    const t = fixtureTables();
    const d = aggregate(await loadRun(fixtureDir(t)));
    const actors = new Map<string, Set<string>>();
    for (const m of t.mentions) {
      if (m.type === 'LOC') continue;
      const s = actors.get(m.article_id as string) ?? new Set<string>();
      s.add(m.entity_id as string);
      actors.set(m.article_id as string, s);
    }
    const expected = new Map<string, number>();
    for (const set of actors.values()) {
      const ids = [...set].sort();
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) {
          const k = `${ids[i]}|${ids[j]}`;
          expected.set(k, (expected.get(k) ?? 0) + 1);
        }
    }
    const got = new Map(
      d.network.edges.map((e) => {
        const ids = [d.network.nodes[e.s]!.id, d.network.nodes[e.t]!.id].sort();
        return [`${ids[0]}|${ids[1]}`, e.w];
      }),
    );
    expect(got).toEqual(expected);
    expect(d.network.nodes.every((v) => v.type === 'PERSON' || v.type === 'ORG')).toBe(true);
    // Wang Yi and Lavrov meet in seeds 000, 001, 002 and 003.
    expect(expected.get('Q-lavrov|Q-wang-yi')).toBe(4);
    for (const v of d.network.nodes) {
      expect(v.x).toBeGreaterThanOrEqual(0);
      expect(v.x).toBeLessThanOrEqual(1000);
      expect(v.y).toBeGreaterThanOrEqual(0);
      expect(v.y).toBeLessThanOrEqual(680);
    }
  });

  it('caps the network, dropping the weakest edges a whole weight class at a time', async () => {
    const d = aggregate(await loadRun(fixtureDir()), { networkEdges: 3 });
    expect(d.network.edges.length).toBeLessThanOrEqual(3);
    expect(d.network.edges.length).toBeGreaterThan(0);
    expect(Math.min(...d.network.edges.map((e) => e.w))).toBe(d.network.minWeight);
    const small = aggregate(await loadRun(fixtureDir()), { networkNodes: 2 });
    // Wang Yi, Lavrov and BRICS each appear in four articles; ties go by entity_id.
    expect(small.network.nodes.map((v) => v.id).sort()).toEqual(['Q-brics', 'Q-lavrov']);
  });

  it('rejects options that are not whole numbers', async () => {
    const input = await loadRun(fixtureDir());
    expect(() => aggregate(input, { topEntities: -1 })).toThrow(/topEntities must be a whole number/);
    expect(() => aggregate(input, { stackBy: 'x' as 'site' })).toThrow(/stackBy/);
  });
});

describe('monthOf', () => {
  it('reads dates and date-times, and refuses what is not one', () => {
    expect(monthOf('2021-03-23')).toBe('2021-03');
    expect(monthOf('2025-07-11T09:45:00+08:00')).toBe('2025-07');
    expect(monthOf('2025-13-01')).toBeNull();
    expect(monthOf('23 مارس 2021')).toBeNull();
    expect(monthOf(null)).toBeNull();
  });
});

describe('buildReport', () => {
  it('is byte-identical for the same input', async () => {
    const dir = fixtureDir();
    const a = await buildReport(dir, { title: 'x' });
    const b = await buildReport(dir, { title: 'x' });
    expect(a).toBe(b);
  });

  it('is self-contained: no external script, style, font or image', async () => {
    const html = await buildReport(fixtureDir());
    expect(html).toMatch(/Content-Security-Policy" content="default-src 'none'/);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i);
    expect(html).not.toMatch(/url\((?!data:)/);
    expect(html).toContain('@font-face');
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)/);
    // No article text: the report ships aggregates only.
    const body = fixtureTables().articles[1]!.body as string;
    expect(html).not.toContain(body.slice(0, 60));
  });

  it('escapes names taken from the data', async () => {
    const t = fixtureTables();
    for (const m of t.mentions) if (m.entity_id === 'Q-brics') m.canonical_en = '<script>alert(1)</script>';
    const html = await buildReport(fixtureDir(t));
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&#60;script&#62;alert(1)');
  });

  it('writes the file atomically and reports its size', async () => {
    const out = join(tmp(), 'sub', 'report.html');
    const { bytes } = await writeReport(fixtureDir(), out);
    expect(readFileSync(out).length).toBe(bytes);
  });

  it('says what to do when the folder or its articles table is missing', async () => {
    await expect(buildReport(join(tmp(), 'nope'))).rejects.toThrow(/not a folder; pass the --out folder/);
    await expect(buildReport(tmp())).rejects.toThrow(/no articles table/);
    const csvOnly = tmp();
    writeFileSync(join(csvOnly, 'articles.csv'), 'article_id\n1\n');
    await expect(buildReport(csvOnly)).rejects.toThrow(/articles.csv, which the report does not read/);
    const badParquet = tmp();
    writeFileSync(join(badParquet, 'articles.parquet'), 'PAR1 not really');
    await expect(buildReport(badParquet)).rejects.toThrow(
      /cannot read the articles Parquet .* re-create the run/,
    );
  });

  it('keeps going over broken lines and unknown articles, and says so', async () => {
    const dir = fixtureDir();
    const articles = readFileSync(join(dir, 'articles.jsonl'), 'utf8');
    writeFileSync(join(dir, 'articles.jsonl'), `${articles}{"article_id": "trunc\n[1,2]\n`);
    const mentions = readFileSync(join(dir, 'mentions.jsonl'), 'utf8');
    writeFileSync(
      join(dir, 'mentions.jsonl'),
      `${mentions}${JSON.stringify({ article_id: 'ghost', entity_id: 'Q-x', type: 'PERSON' })}\n`,
    );
    const input = await loadRun(dir);
    expect(input.articles.article_id.length).toBe(5);
    expect(input.warnings.join('\n')).toMatch(/articles: 2 line\(s\) are not JSON objects/);
    expect(input.warnings.join('\n')).toMatch(/mentions: 1 row\(s\) name an article_id not in articles/);
    const html = reportFromInput(input);
    expect(html).toContain('id="warnings"');
  });

  it('renders an empty run (every input failed) with zeros and explanations, not a crash', async () => {
    const t = fixtureTables();
    const dir = fixtureDir({ articles: [], mentions: [], removed: [], errors: t.errors });
    const html = await buildReport(dir);
    expect(html).toContain('No article has a date.');
    expect(html).toContain('No mentions in this run.');
    expect(html).toContain('No two people or organisations appear in the same article.');
    expect(html).toContain('No article has a dateline.');
    expect(html).toContain('Nothing was removed.');
    expect(html).toContain('empty file: nothing to read');
  });

  it('reads part folders and a run without mentions, removed or errors', async () => {
    const dir = tmp();
    const t = fixtureTables();
    mkdirSync(join(dir, 'articles'));
    const rows = t.articles.map((r) => `${JSON.stringify(r)}\n`);
    writeFileSync(join(dir, 'articles', 'part-00000.jsonl'), rows.slice(0, 2).join(''));
    writeFileSync(join(dir, 'articles', 'part-00001.jsonl'), rows.slice(2).join(''));
    const input = await loadRun(dir);
    expect(input.articles.article_id).toEqual(t.articles.map((a) => a.article_id));
    const html = reportFromInput(input);
    expect(html).toContain('No mentions in this run.');
    expect(html).toContain('No errors');
  });
});

describe('Parquet input and release folders', () => {
  it('gives the same figures from the Parquet tables as from the JSONL tables of one run', async () => {
    const out = tmp();
    await run({
      inputs: [join(FIXTURES, 'raw')],
      out,
      formats: ['jsonl', 'parquet'],
      workers: 1,
      progress: 'none',
      force: true,
    });
    const parquetOnly = tmp();
    for (const f of readdirSync(out).filter((f) => f.endsWith('.parquet'))) {
      copyFileSync(join(out, f), join(parquetOnly, f));
    }
    // A release keeps its tables in data/; the report finds them there.
    const release = tmp();
    mkdirSync(join(release, 'data'));
    for (const f of readdirSync(out).filter((f) => f.endsWith('.parquet'))) {
      copyFileSync(join(out, f), join(release, 'data', f));
    }
    expect(aggregate(await loadRun(release)).summary.articles).toBe(5);
    const fromJsonl = aggregate(await loadRun(out));
    const fromParquet = aggregate(await loadRun(parquetOnly));
    expect(fromParquet.summary.articles).toBe(5);
    expect(fromParquet.summary.mentions).toBeGreaterThan(0);
    expect(fromParquet).toEqual(fromJsonl);
  });
});

describe('hostile input', () => {
  it('keeps the page small and bounded with huge names, a 5 MB line and long runs of one character', async () => {
    const t = fixtureTables();
    const huge = 'ب'.repeat(100_000);
    for (const m of t.mentions) if (m.entity_id === 'Q-putin') m.canonical_ar = huge;
    t.articles[0]!.body = 'ا'.repeat(5_000_000); // one 5 MB line in articles.jsonl
    t.articles[1]!.dateline_place = `${'ك'.repeat(50_000)}\u{1F600}`;
    t.removed.push({ article_id: 'a-000', rule: 'r'.repeat(20_000), text: '', start: 0, end: 0 });
    t.errors.push({ source_path: '/'.repeat(100_000), stage: 'decode', message: '<'.repeat(100_000) });
    const html = await buildReport(fixtureDir(t));
    expect(html.length).toBeLessThan(400_000);
    expect(html).not.toContain('ب'.repeat(200));
    expect(html).toContain(`${'ب'.repeat(119)}…`);
    expect(html).toContain(`${'ب'.repeat(39)}…`); // the network label
  });

  it('clips without splitting a surrogate pair', async () => {
    const { clip } = await import('../src/report/clip.js');
    expect(clip('abc', 5)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
    const s = `ab\u{1F600}cd`; // a, b, high, low, c, d
    expect(clip(s, 4)).toBe('ab…');
    expect(clip(s, 5)).toBe(`ab\u{1F600}…`);
  });
});

describe('network placement', () => {
  it('separates overlapping nodes, deterministically, inside the box', async () => {
    const { separate } = await import('../src/report/placement.js');
    const make = () => Array.from({ length: 60 }, (_, i) => ({ x: 500 + (i % 3), y: 340, r: 3 + (i % 10) }));
    const a = make();
    const box = { width: 1000, height: 680, pad: 36 };
    separate(a, box);
    for (let i = 0; i < a.length; i++) {
      for (let j = i + 1; j < a.length; j++) {
        const d = Math.hypot(a[i]!.x - a[j]!.x, a[i]!.y - a[j]!.y);
        expect(d).toBeGreaterThan(a[i]!.r + a[j]!.r);
      }
      expect(a[i]!.x).toBeGreaterThanOrEqual(36);
      expect(a[i]!.y).toBeLessThanOrEqual(680 - 36);
    }
    const b = make();
    separate(b, box);
    expect(b).toEqual(a);
  });

  it('labels the busiest nodes first and never lets two labels collide', async () => {
    const { placeLabels } = await import('../src/report/placement.js');
    const nodes = [
      { x: 100, y: 100, r: 10, text: 'وانغ يي' }, // below is free
      { x: 104, y: 100, r: 5, text: 'لافروف' }, // on top of the first: below hits its label, above its disc
      { x: 400, y: 100, r: 5, text: 'بوتين' }, // below would cover the next node: above
      { x: 400, y: 120, r: 5, text: 'شي جين بينغ' }, // below is free
      { x: 700, y: 100, r: 5, text: 'بريكس' },
    ];
    expect(placeLabels(nodes, 10)).toEqual(['below', null, 'above', 'below', 'below']);
    expect(placeLabels(nodes, 1)).toEqual(['below', null, null, null, null]);
  });
});
