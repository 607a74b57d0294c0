// The run manifest: what each input file looked like when it was processed, and the settings that
// shape results. A rerun reuses the records of inputs whose bytes (and settings) have not changed.
//
// Version 2 (written since loose files scale to millions): DIR/.akhbar/manifest.json holds the
// settings and the number of inputs; DIR/.akhbar/inputs.jsonl one line per input, written as the run
// goes: {"path", "size", "mtimeMs", "sha256"}. Version 1 kept every input in manifest.json under
// "inputs"; it is still read.
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  openSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { InputFile } from './discover.js';

export interface ManifestInput {
  size: number;
  mtimeMs: number;
  sha256: string;
}

export interface ManifestHeader {
  pipeline_version: string;
  settings: string;
  shard: string | null;
}

/** A whole manifest in memory: version 1's shape (version 2 keeps its inputs in inputs.jsonl). */
export interface Manifest extends ManifestHeader {
  manifest_version: 1 | 2;
  inputs: Record<string, ManifestInput>;
}

/** What manifest.json holds in version 2. */
interface HeaderV2 extends ManifestHeader {
  manifest_version: 2;
  inputs_file: string;
  input_count: number;
  /** The tables the run wrote (up-to-date.ts); absent from merged outputs and older manifests. */
  outputs?: unknown;
}

export const INPUTS_FILE = 'inputs.jsonl';

/** One input line of inputs.jsonl. */
export interface InputLine extends ManifestInput {
  path: string;
}

export function parseInputLine(line: string): InputLine | null {
  try {
    const v = JSON.parse(line) as InputLine;
    return typeof v.path === 'string' &&
      typeof v.size === 'number' &&
      typeof v.mtimeMs === 'number' &&
      typeof v.sha256 === 'string'
      ? v
      : null;
  } catch {
    return null;
  }
}

/**
 * The previous manifest at `path` (DIR/.akhbar/manifest.json): version 1 whole, or version 2's header
 * with the path of its inputs file and their count. Null when missing or unreadable.
 */
export function readManifestFile(
  path: string,
):
  | { version: 1; manifest: Manifest }
  | { version: 2; header: ManifestHeader; inputsPath: string; count: number; outputs?: unknown }
  | null {
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Partial<Omit<Manifest, 'manifest_version'>> &
      Partial<Omit<HeaderV2, 'manifest_version'>> & { manifest_version?: unknown };
    const header: ManifestHeader = {
      pipeline_version: String(m.pipeline_version),
      settings: String(m.settings),
      shard: m.shard ?? null,
    };
    if (m.manifest_version === 1 && m.inputs && typeof m.inputs === 'object')
      return { version: 1, manifest: { manifest_version: 1, ...header, inputs: m.inputs } };
    if (m.manifest_version === 2 && typeof m.inputs_file === 'string' && Number.isInteger(m.input_count)) {
      const inputsPath = join(dirname(path), m.inputs_file);
      if (existsSync(inputsPath))
        return { version: 2, header, inputsPath, count: m.input_count!, outputs: m.outputs };
    }
  } catch {
    // An unreadable manifest means a full rerun, as no manifest does.
  }
  return null;
}

/** Each line of an inputs file with its byte offset; stops at the first line that is not an input. */
export async function* inputLines(path: string): AsyncGenerator<{ input: InputLine; offset: number }> {
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let offset = 0;
  for await (const line of rl) {
    const input = parseInputLine(line);
    if (!input) {
      rl.close();
      throw new Error(`${path}: line at byte ${offset} is not a manifest input`);
    }
    yield { input, offset };
    offset += Buffer.byteLength(line, 'utf8') + 1;
  }
}

/** Appends input lines to an inputs file (buffered), and writes the manifest.json that points at it. */
export class InputsWriter {
  private fd: number;
  private buf: string[] = [];
  private bufChars = 0;
  count = 0;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  add(path: string, input: ManifestInput): void {
    const line = `${JSON.stringify({ path, size: input.size, mtimeMs: input.mtimeMs, sha256: input.sha256 })}\n`;
    this.buf.push(line);
    this.bufChars += line.length;
    this.count++;
    if (this.bufChars >= 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.buf.length === 0) return;
    const bytes = Buffer.from(this.buf.join(''), 'utf8');
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done);
    this.buf = [];
    this.bufChars = 0;
  }

  /**
   * Finish the inputs file; with a header, also write manifest.json beside it, with `outputs` (what
   * the run wrote) when given. Once only.
   */
  close(header?: ManifestHeader, outputs?: unknown): void {
    if (this.fd < 0) return;
    this.flush();
    closeSync(this.fd);
    this.fd = -1;
    if (!header) return;
    const m: HeaderV2 = {
      manifest_version: 2,
      ...header,
      inputs_file: INPUTS_FILE,
      input_count: this.count,
      ...(outputs === undefined ? {} : { outputs }),
    };
    writeFileSync(join(dirname(this.path), 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
  }
}

export function fileSha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** An input is unchanged when size and mtime match, or, if only the mtime moved, its hash matches. */
export function unchanged(prev: ManifestInput | undefined, file: InputFile): boolean {
  if (!prev || prev.size !== file.size) return false;
  if (prev.mtimeMs === file.mtimeMs) return true;
  return fileSha256(file.abs) === prev.sha256;
}
