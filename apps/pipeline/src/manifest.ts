// The run manifest: what each input file looked like when it was processed, and the settings that
// shape results. A rerun reuses the records of inputs whose bytes (and settings) have not changed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { InputFile } from './inputs.js';

export interface ManifestInput {
  size: number;
  mtimeMs: number;
  sha256: string;
}
export interface Manifest {
  manifest_version: 1;
  pipeline_version: string;
  settings: string;
  shard: string | null;
  inputs: Record<string, ManifestInput>;
}

export function readManifest(path: string): Manifest | null {
  if (!existsSync(path)) return null;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    return m.manifest_version === 1 && m.inputs ? m : null;
  } catch {
    return null;
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
