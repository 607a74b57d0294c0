// One range of the sorted articles written as a piece of the tables (see assemble.ts): read each
// record's spool line, set its final id and duplicate_of, sort its rows, and write them. Runs in an
// assembly worker thread, or in-process when the app runs from source.
import {
  type ColumnBatch,
  concatColumnBatches,
  createEntityAccumulator,
  type EntityAccumulatorState,
  openTableWriters,
  type TableName,
  type TableSummary,
} from '@akhbar/dataset';
import { mentionBatch, StringTable } from './mention-columns.js';
import type { ArticleRow, ErrorRow, Format, RecordResult, RemovedRow } from './rows.js';
import { Spool } from './spool.js';

/** The tables written by ranges; entities and errors are gathered from every range and written last. */
export const RANGE_TABLES = ['articles', 'mentions', 'removed'] as const satisfies TableName[];

export interface RangeJob {
  spoolPath: string;
  /** Folder for this range's piece of the tables. */
  dir: string;
  formats: Format[];
  bom: boolean;
  /** Where the spool lines of the range's records are, in output order. */
  offsets: Float64Array;
  lengths: Float64Array;
  /** Final article_id and duplicate_of of each record. */
  ids: string[];
  duplicateOf: Array<string | null>;
}

export interface RangeResult {
  summary: Partial<Record<TableName, TableSummary>>;
  articles: number;
  mentions: number;
  removed: number;
  duplicates: number;
  /** The records' own errors rows (flags on written articles). */
  errors: ErrorRow[];
  entities: EntityAccumulatorState;
}

export async function writeRange(job: RangeJob): Promise<RangeResult> {
  const spool = Spool.forReading(job.spoolPath);
  // Parquet parts of at most 8 MB of cells: the buffer and its Arrow/WASM copies bound peak memory
  // (16 MB cost some 60 MB more per thread and was no faster).
  const writers = await openTableWriters(job.dir, {
    formats: job.formats,
    bom: job.bom,
    partBytes: 8 * 1024 * 1024,
    tables: [...RANGE_TABLES],
  });
  const entityAcc = createEntityAccumulator();
  const res: RangeResult = {
    summary: {},
    articles: 0,
    mentions: 0,
    removed: 0,
    duplicates: 0,
    errors: [],
    entities: entityAcc.state(),
  };
  // Rows go to the writers 16 articles at a time: parsed records then die young. Batches of 512
  // outlived the young generation and were promoted, and GC was over a quarter of the thread's
  // time (20,000 text captures, 1 thread: tables written in 8.9-9.2 s instead of 10.1-11.0 s).
  const BATCH = 16;
  let aBuf: ArticleRow[] = [];
  // Mentions (40 an article on news) go as columns: no object per mention.
  let mBuf: ColumnBatch<'mentions'>[] = [];
  const strings = new StringTable();
  let rBuf: RemovedRow[] = [];
  const flush = async () => {
    if (aBuf.length) await writers.write('articles', aBuf);
    if (mBuf.length) await writers.writeColumns('mentions', concatColumnBatches(mBuf));
    if (rBuf.length) await writers.write('removed', rBuf);
    aBuf = [];
    mBuf = [];
    rBuf = [];
  };
  try {
    for (let k = 0; k < job.ids.length; k++) {
      const line = spool.readLine({ offset: job.offsets[k]!, length: job.lengths[k]! });
      const rec = JSON.parse(line.toString('utf8')) as RecordResult;
      const id = job.ids[k]!;
      const a = rec.article!;
      a.article_id = id;
      a.duplicate_of = job.duplicateOf[k] ?? null;
      if (a.duplicate_of) res.duplicates++;
      const { batch: mentions, entityIds } = mentionBatch(rec, id, strings);
      // The record was just parsed, so its rows are set in place rather than copied.
      const removed = rec.removed;
      for (const r of removed) r.article_id = id;
      removed.sort((x, y) => x.start - y.start || x.end - y.end);
      a.entity_ids = entityIds;
      aBuf.push(a);
      mBuf.push(mentions);
      for (const r of removed) rBuf.push(r);
      entityAcc.addColumns(a, mentions);
      for (const e of rec.errors) res.errors.push(e);
      res.articles++;
      res.mentions += mentions.rows;
      res.removed += removed.length;
      if (aBuf.length >= BATCH) await flush();
    }
    await flush();
    res.summary = await writers.close();
    return res;
  } catch (e) {
    await writers.abort();
    throw e;
  } finally {
    spool.close();
  }
}
