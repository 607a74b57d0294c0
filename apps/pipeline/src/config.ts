// akhbar.config.json: the same settings as the `run` flags, for runs kept under version control.
// Flags given on the command line win over the file.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FORMATS, type Format } from './rows.js';

export interface AkhbarConfig {
  inputs?: string[];
  out?: string;
  formats?: Format[];
  workers?: number;
  /** Paths (relative to the config file) of gazetteer files (.json or .csv) of extra entities: one or a list. */
  gazetteer?: string[];
  /** Also run the learned entity tagger. */
  model?: boolean;
  maxBytes?: number;
  strict?: boolean;
  bom?: boolean;
}

const KEYS = new Set([
  'inputs',
  'out',
  'formats',
  'workers',
  'gazetteer',
  'model',
  'maxBytes',
  'strict',
  'bom',
  '$schema',
]);

/** Read and check a config file; paths in it are resolved against the file's folder. */
export function loadConfig(path: string): AkhbarConfig {
  if (!existsSync(path)) throw new Error(`config file ${path} not found; create it or drop --config`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`config file ${path} must hold a JSON object`);
  const c = raw as Record<string, unknown>;
  for (const k of Object.keys(c)) {
    if (!KEYS.has(k))
      throw new Error(
        `config file ${path}: unknown key "${k}"; allowed: ${[...KEYS].filter((x) => x !== '$schema').join(', ')}`,
      );
  }
  const base = dirname(resolve(path));
  const out: AkhbarConfig = {};
  if (c.inputs !== undefined) {
    if (!Array.isArray(c.inputs) || !c.inputs.every((x) => typeof x === 'string'))
      throw new Error(`config file ${path}: "inputs" must be an array of paths or globs`);
    out.inputs = c.inputs.map((x) => (x.startsWith('/') ? x : resolve(base, x)));
  }
  if (c.out !== undefined) {
    if (typeof c.out !== 'string') throw new Error(`config file ${path}: "out" must be a path`);
    out.out = resolve(base, c.out);
  }
  if (c.formats !== undefined) out.formats = parseFormats(c.formats);
  if (c.workers !== undefined) {
    if (!Number.isInteger(c.workers) || (c.workers as number) < 1)
      throw new Error(`config file ${path}: "workers" must be a positive integer`);
    out.workers = c.workers as number;
  }
  if (c.gazetteer !== undefined) {
    const list = typeof c.gazetteer === 'string' ? [c.gazetteer] : c.gazetteer;
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string'))
      throw new Error(
        `config file ${path}: "gazetteer" must be the path (or a list of paths) of .json or .csv files`,
      );
    out.gazetteer = list.map((x) => resolve(base, x));
  }
  if (c.model !== undefined) out.model = c.model === true;
  if (c.maxBytes !== undefined) {
    if (typeof c.maxBytes !== 'number' || c.maxBytes <= 0)
      throw new Error(`config file ${path}: "maxBytes" must be a positive number of bytes`);
    out.maxBytes = c.maxBytes;
  }
  if (c.strict !== undefined) out.strict = c.strict === true;
  if (c.bom !== undefined) out.bom = c.bom === true;
  return out;
}

export function parseFormats(v: unknown): Format[] {
  const list = Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : null;
  if (!list) throw new Error('formats must be a list such as csv,parquet,jsonl');
  const out: Format[] = [];
  for (const f of list) {
    const s = String(f).trim().toLowerCase();
    if (!(FORMATS as string[]).includes(s))
      throw new Error(`unknown format "${s}"; choose from ${FORMATS.join(', ')}`);
    if (!out.includes(s as Format)) out.push(s as Format);
  }
  if (out.length === 0) throw new Error('formats is empty; choose from csv, parquet, jsonl');
  return out;
}
