import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll } from 'vitest';
import type { ArticleRow, ErrorRow, MentionRow, RemovedRow } from '../src/index.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures');

const made: string[] = [];
// Each test file imports its own copy of this module, so this hook removes that file's folders.
afterAll(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh folder under the system temp folder, removed after the test file that made it. */
export async function tempDir(prefix = 'akhbar-dataset-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Run SQL in a fresh in-memory DuckDB and return JSON-friendly row objects. */
export async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l));
}

interface Expected {
  source: string;
  body: string;
  title: string | null;
}

/** The five seed articles (hand-checked bodies and titles) as article rows, plus hostile extras. */
export function seedArticles(): ArticleRow[] {
  const dir = join(FIXTURES, 'expected');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f, i) => {
      const e = JSON.parse(readFileSync(join(dir, f), 'utf8')) as Expected;
      return {
        article_id: f.replace(/\.json$/, ''),
        source_path: e.source,
        url: i === 1 ? 'https://arabic.news.cn/20210323/x.htm' : null,
        site: i === 1 ? 'arabic.news.cn' : null,
        title: e.title,
        body: e.body,
        published:
          i % 2 === 0 ? `2021-03-${String(20 + i).padStart(2, '0')}` : `2025-07-1${i}T09:45:00+08:00`,
        published_source: i % 2 === 0 ? 'dateline' : 'page-timestamp',
        weekday: null,
        dateline_place: i === 0 ? 'بكين' : null,
        agency: i < 3 ? 'Xinhua' : null,
        word_count: e.body.split(/\s+/).filter(Boolean).length,
        content_sha256: createHash('sha256').update(e.body).digest('hex'),
        duplicate_of: null,
        pipeline_version: '0.1.0',
        entity_ids: i === 0 ? ['loc:china', 'per:wang-yi'] : [],
      };
    });
}

export function hostileArticle(): ArticleRow {
  return {
    article_id: 'zz-hostile',
    source_path: 'in/"quoted", path\nwith newline.txt',
    url: '',
    site: 'مثال',
    title: 'عنوان فيه "اقتباس"، وفاصلة, وسطر\r\nجديد',
    body: '=SUM(A1) يبدأ بعلامة يساوي\n\n"نص بين علامتي تنصيص"\u200f، ومسافة\u00a0غير منقسمة\rوسطر',
    published: null,
    published_source: null,
    weekday: null,
    dateline_place: null,
    agency: null,
    word_count: 0,
    content_sha256: '0'.repeat(64),
    duplicate_of: '000_3578d4bbbe0f765b',
    pipeline_version: '0.1.0',
    entity_ids: null,
  };
}

export function sampleMentions(articles: ArticleRow[]): MentionRow[] {
  const out: MentionRow[] = [];
  for (const a of articles) {
    for (const [surface, id, type, ar, en] of [
      ['الصين', 'loc:china', 'LOC', 'الصين', 'China'],
      ['وانغ يي', 'per:wang-yi', 'PERSON', 'وانغ يي', 'Wang Yi'],
      ['شينخوا', 'org:xinhua', 'ORG', 'وكالة أنباء شينخوا', 'Xinhua'],
    ] as const) {
      const start = a.body.indexOf(surface);
      if (start < 0) continue;
      out.push({
        article_id: a.article_id,
        entity_id: id,
        type,
        surface,
        canonical_ar: ar,
        canonical_en: en,
        start,
        end: start + surface.length,
        method: 'gazetteer',
        confidence: 0.9,
        role: id === 'org:xinhua' ? 'agency' : null,
      });
    }
  }
  return out;
}

export const sampleRemoved: RemovedRow[] = [
  {
    article_id: '001_f118cac7954edc78',
    rule: 'share-line',
    text: 'مشاركة :',
    start: 0,
    end: 8,
    kind: 'share',
  },
  {
    article_id: '003_7c720f35d0bfb14e',
    rule: 'cookie-banner',
    text: 'نستخدم ملفات تعريف الارتباط… أوافق',
    start: 10,
    end: 44,
    kind: 'cookie',
  },
];

export const sampleErrors: ErrorRow[] = [
  { source_path: 'in/empty.txt', stage: 'ingest', message: 'The file is empty: nothing to extract.' },
];

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Write the seed articles, their sample mentions, the built entities, removed and errors to `dir`. */
export async function writeSampleRun(
  dir: string,
  options: import('../src/index.js').TableWritersOptions & { articles?: ArticleRow[] } = {},
): Promise<void> {
  const { openTableWriters, buildEntities } = await import('../src/index.js');
  const articles = options.articles ?? [...seedArticles(), hostileArticle()];
  const mentions = sampleMentions(articles);
  const w = await openTableWriters(dir, options);
  await w.write('articles', articles);
  await w.write('mentions', mentions);
  await w.write('entities', buildEntities(mentions, articles));
  await w.write('removed', sampleRemoved);
  await w.write('errors', sampleErrors);
  await w.close();
}
