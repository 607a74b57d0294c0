// Reads the tables of an `akhbar run` output (or release) folder, keeping only the columns the report
// needs. JSONL (DIR/<table>.jsonl or DIR/<table>/part-*.jsonl) is streamed line by line rather than read
// with @akhbar/dataset's readTable, which loads a whole table, bodies included, into memory: streaming
// keeps a 100,000-article report to the memory of its counts. A folder with only Parquet (a release)
// is read through readTable.
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parquetFiles, readTable, type TableName } from '@akhbar/dataset';
import type { EntityType, ReportInput } from './types.js';

const TYPES = new Set<EntityType>(['PERSON', 'ORG', 'LOC']);

/** The JSONL files holding one table, in order; empty when the table is absent. */
export function tableFiles(dir: string, table: string): string[] {
  const single = join(dir, `${table}.jsonl`);
  if (existsSync(single)) return [single];
  const parts = join(dir, table);
  if (existsSync(parts) && statSync(parts).isDirectory()) {
    return readdirSync(parts)
      .filter((f) => /^part-.*\.jsonl$/.test(f))
      .sort()
      .map((f) => join(parts, f));
  }
  return [];
}

type Row = Record<string, unknown>;

async function eachRow(files: string[], table: string, warnings: string[], fn: (row: Row) => void) {
  let bad = 0;
  let firstBad = '';
  for (const file of files) {
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === '') continue;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        row = undefined;
      }
      if (row === null || typeof row !== 'object' || Array.isArray(row)) {
        if (bad++ === 0) firstBad = `${file}:${n}`;
        continue;
      }
      fn(row as Row);
    }
  }
  if (bad > 0)
    warnings.push(`${table}: ${bad} line(s) are not JSON objects and were skipped (first at ${firstBad})`);
}

/** Calls fn for each row of a table, from JSONL when present, else Parquet; false when the table is absent. */
async function rowsOf(
  dir: string,
  table: TableName,
  warnings: string[],
  fn: (row: Row) => void,
): Promise<boolean> {
  const files = tableFiles(dir, table);
  if (files.length > 0) {
    await eachRow(files, table, warnings, fn);
    return true;
  }
  if ((await parquetFiles(dir, table)).length === 0) return false;
  const t = await readTable(dir, table, { format: 'parquet' }).catch((e: unknown) => {
    throw new Error(
      `report: cannot read the ${table} Parquet in ${dir} (${e instanceof Error ? e.message : String(e)}); re-create the run or release, or give the folder JSONL tables`,
    );
  });
  const keep = t.columnNames().filter((c) => c !== 'body' && c !== 'text');
  for (const row of t.select(keep).objects()) fn(row as Row);
  return true;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Where the tables are: the folder itself (a run), or its data/ folder (a release, RELEASES/NAME/vX.Y.Z). */
async function tablesDir(folder: string): Promise<string> {
  const has = async (d: string) =>
    tableFiles(d, 'articles').length > 0 || (await parquetFiles(d, 'articles')).length > 0;
  const data = join(folder, 'data');
  if (!(await has(folder)) && existsSync(data) && (await has(data))) return data;
  return folder;
}

/** Reads the tables of an `akhbar run` output folder or a release. Throws when the folder or its articles table is missing. */
export async function loadRun(folder: string): Promise<ReportInput> {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new Error(`report: ${folder} is not a folder; pass the --out folder of \`akhbar run\``);
  }
  const dir = await tablesDir(folder);
  const warnings: string[] = [];
  const input: ReportInput = {
    articles: {
      article_id: [],
      site: [],
      agency: [],
      published: [],
      has_title: [],
      dateline_place: [],
      duplicate: [],
    },
    mentions: { article: [], entity: [] },
    entities: [],
    removed: { rule: [], article: [] },
    errors: [],
    versions: [],
    warnings,
  };
  const a = input.articles;
  const articleIndex = new Map<string, number>();
  const versions = new Set<string>();
  const hasArticles = await rowsOf(dir, 'articles', warnings, (r) => {
    const id = str(r.article_id);
    if (id === null) return;
    if (articleIndex.has(id)) return; // a repeated id is counted once
    articleIndex.set(id, a.article_id.length);
    a.article_id.push(id);
    a.site.push(str(r.site));
    a.agency.push(str(r.agency));
    a.published.push(str(r.published));
    a.has_title.push(str(r.title) !== null);
    a.dateline_place.push(str(r.dateline_place));
    a.duplicate.push(str(r.duplicate_of) !== null);
    const v = str(r.pipeline_version);
    if (v !== null) versions.add(v);
  });
  if (!hasArticles) {
    const csv = existsSync(join(dir, 'articles.csv'))
      ? ' It has articles.csv, which the report does not read.'
      : '';
    throw new Error(
      `report: ${dir} has no articles table (articles.jsonl, articles.parquet or part files).${csv} Pass the --out folder of \`akhbar run\` or a release folder`,
    );
  }
  input.versions = [...versions].sort();

  const entityIndex = new Map<string, number>();
  let orphans = 0;
  let badType = 0;
  const present = { mentions: false, removed: false, errors: false };
  present.mentions = await rowsOf(dir, 'mentions', warnings, (r) => {
    const article = articleIndex.get(String(r.article_id));
    const id = str(r.entity_id);
    const type = r.type as EntityType;
    if (id === null || !TYPES.has(type)) {
      badType++;
      return;
    }
    if (article === undefined) {
      orphans++;
      return;
    }
    let e = entityIndex.get(id);
    if (e === undefined) {
      e = input.entities.length;
      entityIndex.set(id, e);
      input.entities.push({
        entity_id: id,
        type,
        canonical_ar: str(r.canonical_ar) ?? id,
        canonical_en: str(r.canonical_en) ?? '',
      });
    }
    input.mentions.article.push(article);
    input.mentions.entity.push(e);
  });
  if (orphans > 0)
    warnings.push(`mentions: ${orphans} row(s) name an article_id not in articles and were left out`);
  if (badType > 0) warnings.push(`mentions: ${badType} row(s) lack an entity_id or a PERSON/ORG/LOC type`);

  present.removed = await rowsOf(dir, 'removed', warnings, (r) => {
    input.removed.rule.push(str(r.rule) ?? '(no rule)');
    input.removed.article.push(articleIndex.get(String(r.article_id)) ?? -1);
  });
  present.errors = await rowsOf(dir, 'errors', warnings, (r) => {
    input.errors.push({
      source_path: String(r.source_path ?? ''),
      stage: str(r.stage) ?? '(unknown)',
      message: String(r.message ?? ''),
    });
  });
  for (const [t, found] of Object.entries(present)) {
    if (!found)
      warnings.push(`${t}: no ${t} table (JSONL or Parquet) in ${dir}; that part of the report is empty`);
  }
  return input;
}
