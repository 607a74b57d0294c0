// The errors table is sorted on disk (external-sort.ts) so that millions of bad inputs do not pile up
// in memory. A run that sorts in runs of 7 rows, through many files and merge passes, must write the
// same errors table, byte for byte in every format, as a run that sorts everything in one buffer.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunSummary, run } from '../src/index.js';
import { type ErrorRow, errorOrder } from '../src/rows.js';
import { cleanup, RAW, readJsonl, SEEDS, tmp } from './helpers.js';

const dir = tmp('errors-table');
afterAll(() => cleanup(dir));

const src = join(dir, 'in');
/** What the inputs hold, counted as they are written. */
const made = { lost: 0, english: 0, arabic: 0, empty: 0 };
const outs = { small: join(dir, 'small'), huge: join(dir, 'huge') };
const summaries: Partial<Record<keyof typeof outs, RunSummary>> = {};
const COUNTS = [
  'articles',
  'mentions',
  'entities',
  'removed',
  'errors',
  'flagged',
  'duplicates',
  'records',
] as const;

function writeInputs(): void {
  mkdirSync(src, { recursive: true });
  const arabic = SEEDS.map((s) => readFileSync(join(RAW, s), 'utf8'));
  const lines: string[] = [];
  for (let i = 0; i < 3000; i++) {
    const kind = i % 10;
    if (kind <= 5) {
      // Not JSON; now and then a long broken line.
      lines.push(
        `{"url": "https://example.org/${i}", "text": "broken ${'x'.repeat(i % 97 === 0 ? 70_000 : i % 13)}`,
      );
      made.lost++;
    } else if (kind === 6) {
      lines.push(i % 20 === 6 ? '[1, 2]' : '"a string"');
      made.lost++;
    } else if (kind === 7) {
      lines.push(JSON.stringify({ url: `https://example.org/none/${i}` }));
      made.lost++;
    } else if (kind === 8 || i % 50 !== 9) {
      lines.push(
        JSON.stringify({
          url: `https://example.org/en/${i}`,
          text: `The foreign ministers met in Moscow on day ${i}.\n\nThey discussed trade and security.`,
        }),
      );
      made.english++;
    } else {
      lines.push(JSON.stringify({ url: `https://example.org/ar/${i}`, text: arabic[i % arabic.length] }));
      made.arabic++;
    }
  }
  writeFileSync(join(src, 'dump.jsonl'), `${lines.join('\n')}\n`);
  for (let k = 0; k < 25; k++) {
    writeFileSync(join(src, `empty-${k}.txt`), '');
    made.empty++;
  }
}

/** Run the pipeline in-process with AKHBAR_SORT_RUN_ROWS set for its spool and assembly. */
async function runWith(runRows: string, out: string): Promise<RunSummary> {
  const before = process.env.AKHBAR_SORT_RUN_ROWS;
  process.env.AKHBAR_SORT_RUN_ROWS = runRows;
  try {
    return await run({ inputs: [src], out, workers: 1, progress: 'none', rangeArticles: 16 });
  } finally {
    if (before === undefined) delete process.env.AKHBAR_SORT_RUN_ROWS;
    else process.env.AKHBAR_SORT_RUN_ROWS = before;
  }
}

beforeAll(async () => {
  writeInputs();
  summaries.small = await runWith('7', outs.small);
  summaries.huge = await runWith('1000000000', outs.huge);
}, 300_000);

/** The lines of records.jsonl of records that produced no article. */
function orphanLines(out: string): string[] {
  const lines = readFileSync(join(out, '.akhbar', 'records.jsonl'), 'utf8').split('\n');
  const first = lines.findIndex((l) => l.includes('"article":null'));
  return lines.slice(first, -1);
}

/** The errors table's Parquet files: one file, or the parts of a folder. */
function parquetFiles(out: string): string[] {
  const single = join(out, 'errors.parquet');
  if (existsSync(single)) return [single];
  return readdirSync(join(out, 'errors'))
    .sort()
    .map((f) => join(out, 'errors', f));
}

async function duckRows(sql: string): Promise<ErrorRow[]> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as unknown as ErrorRow[];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

describe('errors table sorted on disk', () => {
  it('holds every lost input and every flag, in errorOrder', () => {
    const rows = readJsonl<ErrorRow>(join(outs.small, 'errors.jsonl'));
    const s = summaries.small!;
    expect(s.articles).toBe(made.english + made.arabic);
    expect(s.flagged).toBeGreaterThanOrEqual(made.english);
    expect(rows.filter((r) => r.message === 'flagged: the body contains no Arabic text').length).toBe(
      made.english,
    );
    expect(rows.filter((r) => r.source_path.includes('dump.jsonl#') && r.stage === 'read').length).toBe(
      made.lost,
    );
    expect(rows.filter((r) => r.source_path.includes('empty-')).length).toBe(made.empty);
    expect(rows.length).toBe(s.errors);
    expect(rows).toEqual([...rows].sort(errorOrder));
  });

  it('is byte-identical in CSV, JSONL and Parquet to the one sorted in memory, as are the summary counts', () => {
    for (const f of ['errors.csv', 'errors.jsonl'])
      expect(readFileSync(join(outs.small, f)).equals(readFileSync(join(outs.huge, f))), f).toBe(true);
    // records.jsonl ends with the error-only records in the same order (articles' carry timings).
    expect(orphanLines(outs.small).length).toBe(made.lost + made.empty);
    expect(orphanLines(outs.small)).toEqual(orphanLines(outs.huge));
    const small = parquetFiles(outs.small);
    expect(small.map((p) => p.slice(outs.small.length))).toEqual(
      parquetFiles(outs.huge).map((p) => p.slice(outs.huge.length)),
    );
    for (const p of small)
      expect(readFileSync(p).equals(readFileSync(outs.huge + p.slice(outs.small.length))), p).toBe(true);
    const counts = (s: RunSummary) => COUNTS.map((k) => [k, s[k]]);
    expect(counts(summaries.small!)).toEqual(counts(summaries.huge!));
  });

  it('reads back the same rows from CSV, JSONL and Parquet', async () => {
    const jsonl = readJsonl<ErrorRow>(join(outs.small, 'errors.jsonl'));
    const list = parquetFiles(outs.small)
      .map((p) => `'${p}'`)
      .join(', ');
    expect(await duckRows(`SELECT * FROM read_parquet([${list}])`)).toEqual(jsonl);
    const csv = await duckRows(
      `SELECT * FROM read_csv('${join(outs.small, 'errors.csv')}', header = true, quote = '"', escape = '"',
        columns = {'source_path': 'VARCHAR', 'stage': 'VARCHAR', 'message': 'VARCHAR'})`,
    );
    expect(csv).toEqual(jsonl);
  });

  it('leaves no spool or sort files in the output', () => {
    for (const out of Object.values(outs))
      expect(readdirSync(join(out, '.akhbar')).filter((f) => f.startsWith('spool'))).toEqual([]);
  });
});
