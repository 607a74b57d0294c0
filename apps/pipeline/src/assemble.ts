// Final assembly, shared by `run` and `merge` so both give identical datasets: resolve article_id
// collisions, find duplicates, sort, and write every table plus the records file for later runs.
import { createWriteStream, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createEntityAccumulator, openTableWriters } from '@akhbar/dataset';
import { findDuplicates } from './dedupe.js';
import { articleId, collisionId } from './ids.js';
import type { ArticleRow, ErrorRow, Format, MentionRow, RecordResult } from './rows.js';
import type { Spool, SpoolEntry } from './spool.js';

export interface AssembleResult {
  articles: number;
  mentions: number;
  entities: number;
  removed: number;
  errors: number;
  duplicates: number;
  /** Rows of the errors table that are flags on a written article rather than lost inputs. */
  flagged: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function errorOrder(a: ErrorRow, b: ErrorRow): number {
  return cmp(a.source_path, b.source_path) || cmp(a.stage, b.stage) || cmp(a.message, b.message);
}

/** Final ids: article_id from the identity, or, for identities seen more than once, a collision id. */
export function finalIds(entries: SpoolEntry[]): string[] {
  const count = new Map<string, number>();
  for (const e of entries) count.set(e.identity, (count.get(e.identity) ?? 0) + 1);
  return entries.map((e) =>
    (count.get(e.identity) ?? 0) > 1
      ? collisionId(e.identity, e.contentSha256, e.sourcePath)
      : articleId(e.identity),
  );
}

/** Everything about the final order and ids that needs every entry: computed once per assembly. */
export interface AssemblyPlan {
  /** Final article_id per spool entry. */
  ids: string[];
  /** duplicate_of per final id. */
  dup: Map<string, string | null>;
  /** Spool entry indexes in output order. */
  order: number[];
  /** Where each entry's line is in the spool. */
  spans: Array<Pick<SpoolEntry, 'offset' | 'length'>>;
}

export function planAssembly(entries: SpoolEntry[]): AssemblyPlan {
  const ids = finalIds(entries);
  const dup = findDuplicates(
    entries.map((e, i) => ({
      id: ids[i]!,
      contentSha256: e.contentSha256,
      published: e.published,
      signature: e.signature,
    })),
  );
  const order = entries
    .map((_, i) => i)
    .sort((a, b) => cmp(ids[a]!, ids[b]!) || cmp(entries[a]!.sourcePath, entries[b]!.sourcePath));
  return { ids, dup, order, spans: entries.map((e) => ({ offset: e.offset, length: e.length })) };
}

export async function assemble(
  spool: Spool,
  dir: string,
  formats: Format[],
  /** recordsPath null: write the tables only (another assembly of the same spool writes the records). */
  options: { bom?: boolean; recordsPath: string | null; plan?: AssemblyPlan },
): Promise<AssembleResult> {
  const { ids, dup, order, spans } = options.plan ?? planAssembly(spool.entries);
  // Parquet parts of at most 16 MB of cells: the buffer and its Arrow/WASM copies bound peak memory.
  const writers = await openTableWriters(dir, { formats, bom: options.bom, partBytes: 16 * 1024 * 1024 });
  const records = options.recordsPath === null ? null : createWriteStream(options.recordsPath);
  // Entities are aggregated one article at a time, so memory does not grow with the mentions.
  const entityAcc = createEntityAccumulator();
  const errors: ErrorRow[] = spool.orphans.flatMap((o) => o.errors);
  const res: AssembleResult = {
    articles: 0,
    mentions: 0,
    entities: 0,
    removed: 0,
    errors: 0,
    duplicates: 0,
    flagged: 0,
  };
  const BATCH = 512;
  let aBuf: ArticleRow[] = [];
  let mBuf: MentionRow[] = [];
  let rBuf: RecordResult['removed'] = [];
  const flush = async () => {
    if (aBuf.length) await writers.write('articles', aBuf);
    if (mBuf.length) await writers.write('mentions', mBuf);
    if (rBuf.length) await writers.write('removed', rBuf);
    aBuf = [];
    mBuf = [];
    rBuf = [];
  };
  for (const i of order) {
    const line = spool.readLine(spans[i]!);
    const rec = JSON.parse(line.toString('utf8')) as RecordResult;
    const id = ids[i]!;
    const a = rec.article!;
    a.article_id = id;
    a.duplicate_of = dup.get(id) ?? null;
    if (a.duplicate_of) res.duplicates++;
    // The record was just parsed, so its rows are set in place rather than copied.
    const mentions = rec.mentions;
    for (const m of mentions) m.article_id = id;
    mentions.sort((x, y) => x.start - y.start || x.end - y.end || cmp(x.entity_id, y.entity_id));
    const removed = rec.removed;
    for (const r of removed) r.article_id = id;
    removed.sort((x, y) => x.start - y.start || x.end - y.end);
    a.entity_ids = [...new Set(mentions.map((m) => m.entity_id))].sort();
    aBuf.push(a);
    mBuf.push(...mentions);
    rBuf.push(...removed);
    entityAcc.add(a, mentions);
    errors.push(...rec.errors);
    res.articles++;
    res.mentions += mentions.length;
    res.removed += removed.length;
    res.flagged += rec.errors.length;
    // The records file keeps the record as processed (ids, duplicates and order are recomputed by
    // every assembly), so its bytes are copied rather than serialized again.
    if (records && !records.write(line)) await new Promise<void>((r) => records.once('drain', () => r()));
    if (aBuf.length >= BATCH) await flush();
  }
  await flush();
  // Error-only records go into the records file too, so a rerun can reuse them.
  const orphans = [...spool.orphans].sort((x, y) => errorOrder(x.errors[0]!, y.errors[0]!));
  if (records) {
    for (const o of orphans) records.write(`${JSON.stringify(o)}\n`);
    await new Promise<void>((r) => records.end(() => r()));
  }
  const entities = entityAcc.rows();
  await writers.write('entities', entities);
  errors.sort(errorOrder);
  await writers.write('errors', errors);
  await writers.close();
  res.entities = entities.length;
  res.errors = errors.length;
  return res;
}

/**
 * assemble() in a worker thread with a capped heap (the built app), or in-process when running from
 * source. The spool must be complete; it is read, not written, by the worker. The ids, duplicates
 * and order are planned here, so the worker gets the plan and the line spans rather than a copy of
 * every entry with its MinHash signature.
 */
export async function assembleIsolated(
  spool: Spool,
  dir: string,
  formats: Format[],
  options: { bom?: boolean; recordsPath: string; signal?: AbortSignal },
): Promise<AssembleResult> {
  const file = fileURLToPath(new URL('./assemble-worker.js', import.meta.url));
  if (!existsSync(file)) return assemble(spool, dir, formats, options);
  const worker = new Worker(file, {
    workerData: {
      spoolPath: spool.path,
      plan: planAssembly(spool.entries),
      orphans: spool.orphans,
      dir,
      formats,
      bom: options.bom,
      recordsPath: options.recordsPath,
    },
    // A larger young generation lets the many short-lived row objects die without being copied.
    resourceLimits: { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 32 },
  });
  try {
    return await awaitWorker(worker, options.signal);
  } catch (e) {
    void worker.terminate();
    throw e;
  }
}

function awaitWorker(worker: Worker, signal: AbortSignal | undefined): Promise<AssembleResult> {
  return new Promise<AssembleResult>((resolve, reject) => {
    const onAbort = () => {
      void worker.terminate();
      reject(new Error('run interrupted; previous outputs left intact'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.once('message', (m: { ok: boolean; result?: AssembleResult; message?: string }) => {
      signal?.removeEventListener('abort', onAbort);
      if (m.ok) resolve(m.result!);
      else reject(new Error(m.message));
    });
    worker.once('error', (e) => reject(e));
    worker.once('exit', (code) => {
      if (code !== 0)
        reject(
          new Error(`table writing stopped (worker exit code ${code}); rerun, or split the run with --shard`),
        );
    });
  });
}
