// Per-record processing: decode -> strip -> metadata -> entities -> rows. Runs in a worker thread
// (or in-process when the app runs from source, as in its unit tests). A failure in any stage becomes an errors row, never a crash.
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { hasArabic } from '@akhbar/text';
import { decodeBytes } from './decode.js';
import { bodySignature, wordsSignature } from './dedupe.js';
import { articleId, sha256Hex, siteOf } from './ids.js';
import type { ArticleRow, ErrorRow, RecordResult } from './rows.js';
import {
  createTagger,
  defaultModel,
  extractMetadata,
  type GazetteerEntry,
  stripHtml,
  stripText,
  type Tagger,
} from './stages.js';

export interface Task {
  sourcePath: string;
  identity: string;
  inputKey: string;
  kind: 'text' | 'html';
  /** Read the bytes from this file (in the worker, so the main thread stays free). */
  path?: string;
  bytes?: Uint8Array;
  /** Already-decoded text (JSONL records). */
  text?: string;
  url?: string | null;
  fetchedAt?: string;
  contentType?: string;
  sidecar?: Record<string, unknown>;
}

export interface ProcessOptions {
  pipelineVersion: string;
  maxBytes: number;
  gazetteer?: GazetteerEntry[];
  /** Also run the learned tagger (method 'model') for names the gazetteer lacks. */
  model?: boolean;
}

let tagger: Tagger | null = null;
let taggerKey: [GazetteerEntry[] | undefined, boolean] | undefined;

// One tagger per worker, rebuilt only when the run's settings change (the gazetteer index and the model are costly).
function getTagger(extra: GazetteerEntry[] | undefined, model: boolean): Tagger {
  if (!tagger || !taggerKey || taggerKey[0] !== extra || taggerKey[1] !== model) {
    tagger = createTagger({ extra: extra ?? [], model: model ? defaultModel() : undefined });
    taggerKey = [extra, model];
  }
  return tagger;
}

const now = () => performance.now();

function fail(
  task: Task,
  stage: string,
  message: string,
  timings: Record<string, number>,
  inputSha256?: string,
): RecordResult {
  return {
    inputSha256,
    identity: task.identity,
    inputKey: task.inputKey,
    article: null,
    mentions: [],
    removed: [],
    errors: [{ source_path: task.sourcePath, stage, message }],
    signature: null,
    timings,
  };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function mb(n: number): string {
  return `${(n / 1048576).toFixed(1)} MB`;
}

/**
 * The bytes of a loose input file, or its size when that is over `maxBytes` (then it is not read).
 * One descriptor for the size and the bytes (open, fstat, read), rather than a stat by path first.
 */
function readInput(path: string, maxBytes: number): Buffer | number {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    // A missing file is reported as before the size and the read shared a descriptor (by stat).
    statSync(path);
    throw e;
  }
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return size;
    // Files that report no size (/proc, pipes) are read to their end.
    if (size === 0) return readFileSync(fd);
    const buf = Buffer.allocUnsafe(size);
    let n = 0;
    while (n < size) {
      const got = readSync(fd, buf, n, size - n, null);
      if (got === 0) break;
      n += got;
    }
    return n < size ? buf.subarray(0, n) : buf;
  } finally {
    closeSync(fd);
  }
}

export function processTask(task: Task, opts: ProcessOptions): RecordResult {
  const timings: Record<string, number> = {};
  const errors: ErrorRow[] = [];
  let t = now();
  let text: string;
  let inputSha256: string | undefined;
  try {
    if (task.text !== undefined) {
      if (task.text.length > opts.maxBytes) {
        return fail(
          task,
          'read',
          `record is ${mb(task.text.length)}, over the --max-bytes limit of ${mb(opts.maxBytes)}; raise --max-bytes to process it`,
          timings,
        );
      }
      text = task.text;
    } else {
      let bytes = task.bytes;
      if (bytes === undefined) {
        const read = readInput(task.path!, opts.maxBytes);
        if (typeof read === 'number') {
          return fail(
            task,
            'read',
            `file is ${mb(read)}, over the --max-bytes limit of ${mb(opts.maxBytes)}; raise --max-bytes to process it`,
            timings,
          );
        }
        bytes = read;
      }
      if (task.path !== undefined) inputSha256 = sha256Hex(bytes);
      if (bytes.length > opts.maxBytes) {
        return fail(
          task,
          'read',
          `record is ${mb(bytes.length)}, over the --max-bytes limit of ${mb(opts.maxBytes)}; raise --max-bytes to process it`,
          timings,
        );
      }
      if (bytes.length === 0) return fail(task, 'read', 'empty input (0 bytes)', timings, inputSha256);
      const contentType =
        task.contentType ??
        (typeof task.sidecar?.charset === 'string'
          ? `text/plain; charset=${task.sidecar.charset}`
          : undefined);
      const d = decodeBytes(bytes, contentType);
      text = d.text;
      if (d.flag)
        errors.push({ source_path: task.sourcePath, stage: 'decode', message: `flagged: ${d.flag}` });
    }
  } catch (e) {
    return fail(task, 'decode', messageOf(e), timings, inputSha256);
  }
  timings.decode = now() - t;

  t = now();
  let strip: ReturnType<typeof stripText>;
  try {
    strip =
      task.kind === 'html'
        ? stripHtml(text, { url: task.url ?? undefined, contentType: task.contentType })
        : stripText(text);
  } catch (e) {
    return fail(task, 'boilerplate', messageOf(e), timings, inputSha256);
  }
  timings.boilerplate = now() - t;
  const body = strip.body;
  if (body.trim().length === 0) {
    const r = fail(
      task,
      'boilerplate',
      'no article text left after removing boilerplate (empty or all furniture)',
      timings,
      inputSha256,
    );
    r.errors.unshift(...errors);
    return r;
  }
  if (!hasArabic(body)) {
    errors.push({
      source_path: task.sourcePath,
      stage: 'language',
      message: 'flagged: the body contains no Arabic text',
    });
  }

  t = now();
  const url = task.url ?? (typeof task.sidecar?.url === 'string' ? task.sidecar.url : null);
  let meta: ReturnType<typeof extractMetadata> | null = null;
  try {
    meta = extractMetadata({
      body,
      titleCandidates: strip.titleCandidates,
      page: strip.page,
      url: url ?? undefined,
      fetchedAt: task.fetchedAt,
      sidecar: task.sidecar,
    });
  } catch (e) {
    errors.push({ source_path: task.sourcePath, stage: 'metadata', message: messageOf(e) });
  }
  timings.metadata = now() - t;

  const id = articleId(task.identity);
  t = now();
  let mentions: RecordResult['mentions'] = [];
  // The tagger's tokenization of the body also gives the words the signature is made of.
  let wordHashes: Uint32Array | null = null;
  try {
    const analysis = getTagger(opts.gazetteer, opts.model === true).analyze(body);
    wordHashes = analysis.wordHashes;
    mentions = analysis.mentions.map((m) => ({
      article_id: id,
      entity_id: m.entityId,
      type: m.type,
      surface: m.surface,
      canonical_ar: m.canonicalAr,
      canonical_en: m.canonicalEn,
      start: m.start,
      end: m.end,
      method: m.method,
      confidence: m.confidence,
      role: m.role ?? null,
    }));
  } catch (e) {
    errors.push({ source_path: task.sourcePath, stage: 'entities', message: messageOf(e) });
  }
  timings.entities = now() - t;

  t = now();
  const { signature, words } = wordHashes
    ? { signature: wordsSignature(wordHashes), words: wordHashes.length }
    : bodySignature(body);
  const article: ArticleRow = {
    article_id: id,
    source_path: task.sourcePath,
    url,
    site: siteOf(url),
    title: meta?.title ?? null,
    body,
    published: meta?.published ?? null,
    published_source: meta?.published_source ?? null,
    weekday: meta?.weekday ?? null,
    dateline_place: meta?.dateline?.place ?? null,
    agency: meta?.agency?.name ?? null,
    word_count: words,
    content_sha256: sha256Hex(body),
    duplicate_of: null,
    pipeline_version: opts.pipelineVersion,
  };
  timings.rows = now() - t;
  return {
    inputSha256,
    identity: task.identity,
    inputKey: task.inputKey,
    article,
    mentions,
    removed: strip.removed.map((r) => ({
      article_id: id,
      rule: r.rule,
      text: r.text,
      start: r.start,
      end: r.end,
      kind: r.kind,
    })),
    errors,
    signature: numbersOf(signature),
    timings,
  };
}

/** A typed array's values in a plain array (Array.from goes through an iterator: 4x slower for 64 values). */
function numbersOf(values: Uint32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) out.push(values[i]!);
  return out;
}
