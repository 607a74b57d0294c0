// One range of the sorted articles written as a piece of the tables (see assemble.ts): read each
// record's spool line, set its final id and duplicate_of, sort its rows, and write them. Runs in an
// assembly worker thread, or in-process when the app runs from source.
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import {
  appendFile,
  type ColumnBatch,
  concatColumnBatches,
  createEntityAccumulator,
  type EntityAccumulatorState,
  openTableWriters,
  type TableName,
  type TableSummary,
  type TextFormat,
  type TextSink,
  WRITE_CHUNK_BYTES,
} from '@akhbar/dataset';
import { mentionBatch, StringTable } from './mention-columns.js';
import type { ArticleRow, ErrorRow, Format, RecordResult, RemovedRow } from './rows.js';
import { Spool } from './spool.js';
import { utf8Text } from './utf8.js';

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
  /** Whether this is the first range (the only one whose CSV keeps its header). */
  first: boolean;
  /**
   * The joined CSV/JSONL files (TableConcat.textPath), and the range's turn to append to them, on
   * shared memory: HEAD once every range before it is joined (set by the joining thread, 0 to HEAD),
   * DONE when the range finished before its turn came (set here, 0 to DONE). See textSink.
   */
  joined: Partial<Record<TableName, Partial<Record<TextFormat, string>>>>;
  turn: Int32Array;
}

/** `turn[0]`: the range may append to the joined files. */
export const HEAD = 1;
/** `turn[0]`: the range finished with its text in its folder; the joining thread copies it. */
export const DONE = 2;

export interface RangeResult {
  summary: Partial<Record<TableName, TableSummary>>;
  articles: number;
  mentions: number;
  removed: number;
  duplicates: number;
  /** The records' own errors rows (flags on written articles). */
  errors: ErrorRow[];
  entities: EntityAccumulatorState;
  /** The range's CSV/JSONL are at the end of the joined files already (its turn came in time). */
  textAppended: boolean;
}

/**
 * Where a range's CSV/JSONL go: to its folder until its turn comes, then straight to the joined
 * files (what is in its folder so far is appended to them first). The range being joined is then
 * written once, instead of written to its folder, read back and written again by the joining
 * thread, as every range was; a range finished before its turn still is.
 */
function textSink(job: RangeJob): { sink: TextSink; finish(): Promise<boolean>; close(): Promise<void> } {
  interface Stream {
    piece: FileHandle | null;
    joined: FileHandle | null;
    path: string;
    target: string;
    chunks: number;
  }
  const streams = new Map<string, Stream>();
  const isHead = () => Atomics.load(job.turn, 0) === HEAD;
  const takeOver = async (s: Stream) => {
    s.joined = await open(s.target, 'a');
    if (s.piece) {
      await s.piece.close();
      s.piece = null;
      // The header went to the piece; only the first range's belongs in the joined file.
      // A buffer of its own: the streams of a table take over at once (CSV and JSONL are written together).
      await appendFile(
        s.joined,
        s.path,
        !job.first && s.path.endsWith('.csv'),
        Buffer.allocUnsafe(WRITE_CHUNK_BYTES),
      );
    }
  };
  const closeAll = async () => {
    for (const s of streams.values()) {
      await s.piece?.close().catch(() => {});
      await s.joined?.close().catch(() => {});
      s.piece = null;
      s.joined = null;
    }
  };
  return {
    async sink(table, format, bytes) {
      const key = `${table}.${format}`;
      let s = streams.get(key);
      if (!s) {
        const target = job.joined[table]?.[format];
        if (!target) throw new Error(`No joined ${format} file for table '${table}'.`);
        s = { piece: null, joined: null, path: join(job.dir, key), target, chunks: 0 };
        streams.set(key, s);
      }
      // A CSV's first chunk is its header, which only the first range's joined file keeps.
      const header = format === 'csv' && s.chunks++ === 0;
      if (!s.joined && isHead()) await takeOver(s);
      if (s.joined) {
        if (!header || job.first) await s.joined.writeFile(bytes);
        return;
      }
      s.piece ??= await open(s.path, 'w');
      await s.piece.writeFile(bytes);
    },
    /** Returns whether the range's text is in the joined files. */
    async finish() {
      const turn = Atomics.compareExchange(job.turn, 0, 0, DONE);
      if (turn === HEAD) for (const s of streams.values()) if (!s.joined) await takeOver(s);
      await closeAll();
      return turn === HEAD;
    },
    close: closeAll,
  };
}

export async function writeRange(job: RangeJob): Promise<RangeResult> {
  const spool = Spool.forReading(job.spoolPath);
  // One buffer for every line read (a fresh 15 KB Buffer per record was garbage outside the heap).
  let lineBuf: Buffer = Buffer.allocUnsafeSlow(1 << 16);
  const text = textSink(job);
  // Parquet parts of at most 8 MB of cells: the buffer and its Arrow/WASM copies bound peak memory
  // (16 MB cost some 60 MB more per thread and was no faster).
  const writers = await openTableWriters(job.dir, {
    formats: job.formats,
    bom: job.bom,
    partBytes: 8 * 1024 * 1024,
    tables: [...RANGE_TABLES],
    text: text.sink,
  }).catch(async (e) => {
    await text.close();
    throw e;
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
    textAppended: false,
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
      const length = job.lengths[k]!;
      lineBuf = spool.readLineInto({ offset: job.offsets[k]!, length }, lineBuf);
      const rec = JSON.parse(utf8Text(lineBuf, 0, length)) as RecordResult;
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
    res.textAppended = await text.finish();
    return res;
  } catch (e) {
    await writers.abort();
    await text.close();
    throw e;
  } finally {
    spool.close();
  }
}
