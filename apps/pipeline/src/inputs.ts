// Records of input files: one per .txt/.html/.htm file (with its NAME.json sidecar), one per JSONL
// line, one per WARC or .warc.gz response record. Discovery of the files is in discover.ts.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, opendirSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, sep } from 'node:path';
import { createGunzip } from 'node:zlib';
import { WARCParser } from 'warcio';
import type { InputFile } from './discover.js';
import { linesOf } from './lines.js';
import type { Task } from './process.js';
import type { ErrorRow } from './rows.js';

export { discoverInputs, type InputFile, type InputKind, kindOf } from './discover.js';

/** Past this many .json names in one folder, its sidecars are looked up one by one (bounded memory). */
const LISTED_NAMES_MAX = 65_536;

/**
 * Whether a sidecar path exists, from one listing of each folder's .json names instead of two
 * lookups per input, which nearly always fail (a crawl rarely has sidecars): two metadata
 * operations per file, on a network file system a round trip each. Make one per run, and ask in the
 * order of the walk: the walk is depth first, so a folder's files may come before and after its
 * subfolders', but never after the walk has left it. Listings are kept for the folder asked about
 * and the folders above it, and dropped once the walk has left them: each folder is listed once.
 */
export class SidecarFinder {
  private readonly listings = new Map<string, { exact: Set<string>; folded: Set<string> } | null>();
  /** Folders listed so far (tests). */
  listed = 0;

  /** `maxNames`: past this many .json names in a folder, its sidecars are looked up one by one. */
  constructor(private readonly maxNames = LISTED_NAMES_MAX) {}

  exists(path: string): boolean {
    const dir = dirname(path);
    let listing = this.listings.get(dir);
    if (listing === undefined) {
      // The folders the walk has left: every one that is not above `dir`.
      for (const kept of this.listings.keys())
        if (!dir.startsWith(kept.endsWith(sep) ? kept : kept + sep)) this.listings.delete(kept);
      listing = listJsonNames(dir, this.maxNames);
      this.listed++;
      this.listings.set(dir, listing);
    }
    if (listing === null) return existsSync(path);
    const name = basename(path);
    if (listing.exact.has(name)) return true;
    // A name differing only in case: the file system decides (case-insensitive on macOS and Windows).
    return listing.folded.has(name.toLowerCase()) && existsSync(path);
  }
}

/**
 * The .json names in a folder: `exact`, the entries that are not links; `folded`, all of them lower-cased
 * (a name there but not in `exact` is looked up). Null when the folder cannot be listed or has too many.
 */
function listJsonNames(dir: string, max: number): { exact: Set<string>; folded: Set<string> } | null {
  let d: ReturnType<typeof opendirSync>;
  try {
    d = opendirSync(dir, { bufferSize: 256 });
  } catch {
    return null;
  }
  const exact = new Set<string>();
  const folded = new Set<string>();
  try {
    for (let e = d.readSync(); e !== null; e = d.readSync()) {
      const lower = e.name.toLowerCase();
      if (!lower.endsWith('.json')) continue;
      if (exact.size >= max) return null;
      // A link may dangle: only `folded` has it, so the file system is asked.
      if (!e.isSymbolicLink()) exact.add(e.name);
      folded.add(lower);
    }
  } catch {
    return null;
  } finally {
    d.closeSync();
  }
  return { exact, folded };
}

/**
 * Sidecar metadata: NAME.json or NAME.ext.json beside the file. Invalid JSON is reported, not fatal.
 * `finder` (one per run) saves the lookups of sidecars that are not there.
 */
export function readSidecar(
  file: InputFile,
  finder?: SidecarFinder,
): { sidecar?: Record<string, unknown>; error?: string } {
  const stem = file.abs.slice(0, file.abs.length - extname(file.abs).length);
  for (const p of [`${stem}.json`, `${file.abs}.json`]) {
    if (!(finder ? finder.exists(p) : existsSync(p))) continue;
    try {
      const v = JSON.parse(readFileSync(p, 'utf8')) as unknown;
      if (v && typeof v === 'object' && !Array.isArray(v)) return { sidecar: v as Record<string, unknown> };
      return {
        error: `sidecar ${basename(p)} is not a JSON object; expected {"url": ..., "fetched_at": ...}`,
      };
    } catch (e) {
      // Listed but gone, or a dangling link: no sidecar, as when a lookup finds nothing.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      return {
        error: `sidecar ${basename(p)} is not valid JSON (${(e as Error).message}); fix or remove it`,
      };
    }
  }
  return {};
}

export type Emitted = { task: Task; ordinal: number } | { error: ErrorRow; ordinal: number };

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/**
 * Tasks from one input file. For containers, also reports the sha256 of the whole file at the end.
 * `sidecars`: one SidecarFinder for all the files of a run.
 */
export async function* recordsOf(
  file: InputFile,
  hash?: (hex: string) => void,
  sidecars?: SidecarFinder,
): AsyncGenerator<Emitted> {
  if (file.kind === 'text' || file.kind === 'html') {
    const { sidecar, error } = readSidecar(file, sidecars);
    if (error)
      yield {
        error: { source_path: file.display, stage: 'sidecar', message: `flagged: ${error}` },
        ordinal: 0,
      };
    const url = str(sidecar?.url) ?? null;
    yield {
      ordinal: 0,
      task: {
        sourcePath: file.display,
        identity: url ?? file.rel,
        inputKey: file.display,
        kind: file.kind,
        path: file.abs,
        url,
        fetchedAt: str(sidecar?.fetched_at) ?? str(sidecar?.fetchedAt),
        contentType: str(sidecar?.content_type),
        sidecar,
      },
    };
    return;
  }
  const h = createHash('sha256');
  const raw = createReadStream(file.abs);
  raw.on('data', (c) => h.update(c));
  const gz = file.abs.toLowerCase().endsWith('.gz');
  if (file.kind === 'jsonl') {
    const stream = gz ? raw.pipe(createGunzip()) : raw;
    let n = 0;
    try {
      for await (const line of linesOf(stream)) {
        n++;
        if (line.trim() === '') continue;
        yield jsonlRecord(file, line, n);
      }
    } catch (e) {
      yield {
        ordinal: n + 1,
        error: {
          source_path: file.display,
          stage: 'read',
          message: `cannot read the rest of the file: ${(e as Error).message}`,
        },
      };
    }
  } else {
    let n = 0;
    try {
      for await (const record of new WARCParser(raw)) {
        n++;
        if (record.warcType !== 'response' && record.warcType !== 'resource') {
          await record.readFully(false);
          continue;
        }
        const contentType =
          record.httpHeaders?.headers.get('content-type') ??
          record.warcHeaders.headers.get('content-type') ??
          '';
        const bytes = await record.readFully(true);
        if (!/html|text\/plain/i.test(contentType)) continue;
        const url = record.warcTargetURI ?? null;
        yield {
          ordinal: n,
          task: {
            sourcePath: `${file.display}#${n}`,
            identity: url ?? `${file.rel}#${n}`,
            inputKey: file.display,
            kind: /html/i.test(contentType) ? 'html' : 'text',
            bytes,
            url,
            fetchedAt: record.warcDate ?? undefined,
            contentType,
          },
        };
      }
    } catch (e) {
      yield {
        ordinal: n + 1,
        error: {
          source_path: `${file.display}#${n + 1}`,
          stage: 'read',
          message: `WARC record cannot be parsed (${(e as Error).message}); the file may be truncated`,
        },
      };
    }
  }
  await new Promise<void>((r) => (raw.closed ? r() : raw.once('close', () => r())));
  hash?.(h.digest('hex'));
}

function jsonlRecord(file: InputFile, line: string, n: number): Emitted {
  const sourcePath = `${file.display}#${n}`;
  let rec: unknown;
  try {
    rec = JSON.parse(line);
  } catch (e) {
    return {
      ordinal: n,
      error: {
        source_path: sourcePath,
        stage: 'read',
        message: `line ${n} is not valid JSON (${(e as Error).message})`,
      },
    };
  }
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
    return {
      ordinal: n,
      error: {
        source_path: sourcePath,
        stage: 'read',
        message: `line ${n} is not a JSON object; expected {"url", "html" or "text", "fetched_at"}`,
      },
    };
  }
  const r = rec as Record<string, unknown>;
  const html = str(r.html);
  const text = str(r.text);
  if (html === undefined && text === undefined) {
    return {
      ordinal: n,
      error: { source_path: sourcePath, stage: 'read', message: `line ${n} has neither "html" nor "text"` },
    };
  }
  const url = str(r.url) ?? null;
  const { html: _h, text: _t, ...rest } = r;
  return {
    ordinal: n,
    task: {
      sourcePath,
      identity: url ?? `${file.rel}#${n}`,
      inputKey: file.display,
      kind: html !== undefined ? 'html' : 'text',
      text: html ?? text,
      url,
      fetchedAt: str(r.fetched_at) ?? str(r.fetchedAt),
      contentType: str(r.content_type),
      sidecar: rest,
    },
  };
}
