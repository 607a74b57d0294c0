// The whole pipeline on the five seeds through the built CLI: every table in every format, the
// offset invariant, Parquet == JSONL through DuckDB, and the hand-checked expectations.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, cli, EXPECTED, RAW, readJsonl, SEEDS, tmp } from './helpers.js';

const TABLES = ['articles', 'mentions', 'entities', 'removed', 'errors'];
type Row = Record<string, unknown>;

let dir: string;
let out: string;
let articles: Row[];

beforeAll(() => {
  dir = tmp('e2e');
  out = join(dir, 'out');
  const r = cli(['run', RAW, '--out', out, '--workers', '2', '--progress', 'none']);
  expect(r.code, r.stderr).toBe(0);
  articles = readJsonl(join(out, 'articles.jsonl'));
});
afterAll(() => cleanup(dir));

describe('akhbar run fixtures/raw', () => {
  it('writes all five tables in CSV, Parquet and JSONL, with five articles and no errors', () => {
    for (const t of TABLES)
      for (const ext of ['csv', 'parquet', 'jsonl']) {
        // An empty JSONL table is an empty file; every other file has at least a header or metadata.
        const size = readFileSync(join(out, `${t}.${ext}`)).length;
        if (t === 'errors' && ext === 'jsonl') expect(size).toBe(0);
        else expect(size, `${t}.${ext}`).toBeGreaterThan(0);
      }
    expect(articles).toHaveLength(5);
    expect(readJsonl(join(out, 'errors.jsonl'))).toEqual([]);
    const csvLines = readFileSync(join(out, 'articles.csv'), 'utf8');
    expect(csvLines.startsWith('article_id,source_path,url,site,title,body,')).toBe(true);
  });

  it('fills the contract columns of every article', () => {
    for (const a of articles) {
      expect(a.article_id).toMatch(/^[0-9a-f]{16}$/);
      expect(String(a.source_path)).toMatch(/^.*fixtures\/raw\/00\d_[0-9a-f]+\.txt$/);
      expect(a.content_sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(a.word_count as number).toBeGreaterThan(300);
      expect(a.pipeline_version).toBe(
        JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')).version,
      );
      expect(a.url).toBeNull();
      expect(a.site).toBeNull();
      expect(a.duplicate_of).toBeNull();
    }
    const ids = articles.map((a) => a.article_id as string);
    expect([...ids].sort()).toEqual(ids);
  });

  it('every mention satisfies body.slice(start, end) === surface', () => {
    const bodies = new Map(articles.map((a) => [a.article_id, a.body as string]));
    const mentions = readJsonl(join(out, 'mentions.jsonl'));
    expect(mentions.length).toBeGreaterThan(20);
    for (const m of mentions) {
      const body = bodies.get(m.article_id);
      expect(body, `article ${m.article_id}`).toBeDefined();
      expect(body!.slice(m.start as number, m.end as number)).toBe(m.surface);
    }
  });

  it('every removed segment is a span of its raw input', () => {
    const raw = new Map(
      articles.map((a) => [
        a.article_id,
        readFileSync(join(RAW, String(a.source_path).split('/').pop()!), 'utf8'),
      ]),
    );
    for (const r of readJsonl(join(out, 'removed.jsonl'))) {
      expect(raw.get(r.article_id)!.slice(r.start as number, r.end as number)).toBe(r.text);
    }
  });

  it('Parquet read back with DuckDB equals JSONL, Arabic intact', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    try {
      for (const t of TABLES) {
        const jsonl = readJsonl(join(out, `${t}.jsonl`));
        const reader = await conn.runAndReadAll(`SELECT * FROM read_parquet('${join(out, `${t}.parquet`)}')`);
        const rows = reader.getRowObjectsJson() as Row[];
        expect(rows.length, t).toBe(jsonl.length);
        // DuckDB's JSON view gives 64-bit integers as strings; compare them as numbers.
        const cols = Object.keys(rows[0] ?? {});
        const norm = (r: Row, like: Row) =>
          Object.fromEntries(
            cols.map((k) => [k, typeof like[k] === 'number' ? Number(r[k]) : (r[k] ?? null)]),
          );
        expect(
          rows.map((r, i) => norm(r, jsonl[i]!)),
          t,
        ).toEqual(jsonl.map((r) => norm(r, r)));
        if (rows.length) expect(cols.sort()).toEqual(Object.keys(jsonl[0]!).sort());
      }
    } finally {
      conn.closeSync();
    }
  });

  describe.each(SEEDS)('matches fixtures/expected for %s', (seed) => {
    const expected = JSON.parse(readFileSync(join(EXPECTED, seed.replace(/\.txt$/, '.json')), 'utf8')) as Row;
    const article = () => {
      const a = articles.find((x) => String(x.source_path).endsWith(seed));
      expect(a).toBeDefined();
      return a!;
    };
    it('body', () => expect(article().body).toBe(expected.body));
    it('title', () => expect(article().title).toBe(expected.title));
    it.skipIf(!('removed' in expected))('removed', () => {
      const got = readJsonl(join(out, 'removed.jsonl')).filter((r) => r.article_id === article().article_id);
      const want = (expected.removed as Row[]).map((r) => ({
        rule: r.rule,
        text: r.text,
        start: r.start,
        end: r.end,
      }));
      expect(got.map((r) => ({ rule: r.rule, text: r.text, start: r.start, end: r.end }))).toEqual(want);
    });
    it.skipIf(!('metadata' in expected))('metadata', () => {
      const m = expected.metadata as Row;
      const a = article();
      if ('published' in m) expect(a.published).toBe(m.published);
      if ('published_source' in m) expect(a.published_source).toBe(m.published_source);
      if ('weekday' in m) expect(a.weekday).toBe(m.weekday);
      if ('dateline' in m) expect(a.dateline_place).toBe((m.dateline as Row | null)?.place ?? null);
      if ('agency' in m) expect(a.agency).toBe((m.agency as Row | null)?.name ?? null);
    });
    it.skipIf(!('mentions' in expected))('mentions', () => {
      const key = (r: Row) => `${r.start}:${r.end}:${r.surface}:${r.entity_id ?? r.entityId}`;
      const got = readJsonl(join(out, 'mentions.jsonl')).filter((r) => r.article_id === article().article_id);
      expect(got.map(key)).toEqual((expected.mentions as Row[]).map(key));
    });
  });
});
