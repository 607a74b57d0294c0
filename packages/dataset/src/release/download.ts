import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { TableName } from '../schema.js';
import { extractBundle } from '../tar.js';
import { parseIndex, pickVersion, type ReleaseIndex, type ReleaseIndexEntry } from './index-file.js';
import { releasePrefix } from './model.js';
import { type ValidationReport, validateRelease } from './validate.js';

export interface DownloadReleaseOptions {
  /** 'latest' (default) or X.Y.Z */
  version?: string;
  /** Folder to create with the release in it. */
  out: string;
  /** Replace `out` if it exists (only once the new copy is verified). Default false. */
  overwrite?: boolean;
  /** Give up on a silent server after this long; default 60 s. */
  timeoutMs?: number;
  /** Called as the bundle arrives, with the bytes so far and the total from index.json. */
  onProgress?: (bytes: number, total: number) => void;
}

export interface DownloadReleaseResult {
  dir: string;
  name: string;
  version: string;
  sha256: string;
  bytes: number;
  files: string[];
  counts: Record<TableName, number>;
  report: ValidationReport;
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** The folder holding index.json, from what the user typed (folder, URL, or index.json itself). */
function baseOf(source: string): string {
  const s = source.replace(/index\.json$/, '');
  if (isUrl(s)) return s.endsWith('/') ? s : `${s}/`;
  return s === '' ? '.' : s;
}

function locate(base: string, rel: string): string {
  return isUrl(base) ? new URL(rel, base).href : join(base, rel);
}

async function openSource(where: string, timeoutMs: number): Promise<Readable> {
  if (!isUrl(where)) {
    try {
      await stat(where);
    } catch {
      throw new Error(`${where} does not exist.`);
    }
    return createReadStream(where);
  }
  let res: Response;
  try {
    // identity: no point in a server re-compressing a .tar.gz (fetch undoes a Content-Encoding,
    // so the hashed bytes are the file's either way).
    res = await fetch(where, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
      headers: { 'accept-encoding': 'identity' },
    });
  } catch (err) {
    throw new Error(
      `Could not reach ${where} (${(err as Error).message}); check the URL and your connection, then try again.`,
    );
  }
  if (!res.ok || !res.body) {
    throw new Error(
      `GET ${where} answered ${res.status} ${res.statusText}; check the URL (it should be the folder that holds index.json).`,
    );
  }
  return Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
}

/**
 * A source that names a version folder (…/NAME/v1.2.0/) means the index one level up and that
 * version; anything else is returned as it is.
 */
export function splitVersionSource(source: string): { source: string; version: string | null } {
  const m = /^(.*?)[/\\]v(\d+\.\d+\.\d+)[/\\]?$/.exec(source);
  return m
    ? { source: m[1] === '' ? '.' : (m[1] as string), version: m[2] as string }
    : { source, version: null };
}

/** Read and check the dataset's index.json. */
export async function readReleaseIndex(source: string, timeoutMs = 60_000): Promise<ReleaseIndex> {
  const where = locate(baseOf(source), 'index.json');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of await openSource(where, timeoutMs)) {
      size += (chunk as Buffer).length;
      if (size > 16 * 1024 * 1024)
        throw new Error(`${where} is larger than 16 MiB; it is not a release index.`);
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    throw new Error(`Could not read ${where}: ${(err as Error).message}`);
  }
  return parseIndex(Buffer.concat(chunks).toString('utf8'), where);
}

/** Copy the bundle to `dest`, hashing it on the way and stopping as soon as it is longer than the index says. */
async function fetchBundle(
  where: string,
  entry: ReleaseIndexEntry,
  dest: string,
  timeoutMs: number,
  onProgress?: (bytes: number, total: number) => void,
): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      if (bytes > entry.bytes)
        cb(new Error(`the bundle is larger than the ${entry.bytes} bytes its index says`));
      else {
        hash.update(chunk);
        onProgress?.(bytes, entry.bytes);
        cb(null, chunk);
      }
    },
  });
  try {
    await pipeline(await openSource(where, timeoutMs), meter, createWriteStream(dest));
  } catch (err) {
    throw new Error(
      `Download of ${where} failed after ${bytes} of ${entry.bytes} bytes (${(err as Error).message}). Nothing was written; try again.`,
    );
  }
  return { sha256: hash.digest('hex'), bytes };
}

/**
 * Download (or copy, from a folder on disk) a release bundle named by the dataset's index.json,
 * verify its size and SHA-256 against the index, unpack it safely (plain files only, nothing
 * outside the output folder, no more bytes or files than the index lists), check every file
 * against SHA256SUMS and datapackage.json, and only then move it to `out`. On any failure it
 * throws and leaves nothing behind.
 */
export async function downloadRelease(
  given: string,
  options: DownloadReleaseOptions,
): Promise<DownloadReleaseResult> {
  const split = splitVersionSource(given);
  const source = split.source;
  if (
    split.version &&
    options.version &&
    options.version !== 'latest' &&
    options.version.replace(/^v/, '') !== split.version
  ) {
    throw new Error(
      `${given} names version ${split.version} but version ${options.version} was asked for; give one of them.`,
    );
  }
  const wanted = split.version ?? options.version ?? 'latest';
  const timeoutMs = options.timeoutMs ?? 60_000;
  const out = resolve(options.out);
  const outExists = await stat(out).then(
    () => true,
    () => false,
  );
  if (outExists && !options.overwrite)
    throw new Error(`${out} already exists: choose another output folder or pass overwrite.`);
  const index = await readReleaseIndex(source, timeoutMs);
  const base = baseOf(source);
  const entry = pickVersion(index, wanted, locate(base, 'index.json'));

  await mkdir(dirname(out), { recursive: true });
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const tmpBundle = `${out}.download-${tag}.tar.gz`;
  const staging = `${out}.partial-${tag}`;
  const old = `${out}.old-${tag}`;
  try {
    const got = await fetchBundle(
      locate(base, entry.bundle),
      entry,
      tmpBundle,
      timeoutMs,
      options.onProgress,
    );
    if (got.bytes !== entry.bytes || got.sha256 !== entry.sha256) {
      throw new Error(
        `Refusing ${entry.bundle}: its SHA-256 is ${got.sha256} (${got.bytes} bytes) but index.json says ${entry.sha256} (${entry.bytes} bytes). The copy is damaged or was tampered with; nothing was written.`,
      );
    }
    const files = await extractBundle(tmpBundle, staging, releasePrefix(index.name, entry.version), {
      maxBytes: entry.unpacked_bytes,
      maxFiles: entry.files,
    });
    const report = await validateRelease(staging);
    if (!report.ok)
      throw new Error(
        `Refusing ${entry.bundle}: the unpacked release does not verify: ${report.errors.join(' ')}`,
      );
    if (report.version !== entry.version || report.name !== index.name) {
      throw new Error(
        `Refusing ${entry.bundle}: it holds ${report.name} ${report.version}, not ${index.name} ${entry.version}.`,
      );
    }
    if (outExists) await rename(out, old);
    await rename(staging, out);
    await rm(old, { recursive: true, force: true });
    report.dir = out;
    return {
      dir: out,
      name: index.name,
      version: entry.version,
      sha256: got.sha256,
      bytes: got.bytes,
      files: files.sort(),
      counts: entry.counts,
      report,
    };
  } finally {
    await rm(tmpBundle, { force: true });
    await rm(staging, { recursive: true, force: true });
  }
}

/** Read a release's datapackage.json. */
export async function readDatapackage(dir: string): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(join(dir, 'datapackage.json'), 'utf8'));
  } catch {
    throw new Error(
      `${dir} has no readable datapackage.json: is it a release folder (RELEASES/NAME/vX.Y.Z)?`,
    );
  }
}
