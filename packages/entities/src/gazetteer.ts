import { hasArabic } from '@akhbar/text';
import { parse } from 'csv-parse/sync';
import type { EntityType, GazetteerEntry } from './types.js';

const TYPES: ReadonlySet<string> = new Set(['PERSON', 'ORG', 'LOC']);

/** The CSV columns, in order. `aliases`, `short_forms` and `context` hold several values separated by `|`. */
export const GAZETTEER_COLUMNS = [
  'id',
  'type',
  'canonical_ar',
  'canonical_en',
  'aliases',
  'short_forms',
  'context',
] as const;

function list(v: unknown, where: string, field: string): string[] {
  if (v === undefined || v === null || v === '') return [];
  if (typeof v === 'string')
    return v
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return v.map((s) => s.trim()).filter(Boolean);
  throw new Error(`${where}: "${field}" must be a string of values separated by "|" or an array of strings`);
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** Checks and builds one entry; `where` names the row for error messages. */
function entry(raw: Record<string, unknown>, where: string): GazetteerEntry {
  const id = text(raw.id);
  if (!id || /\s/.test(id)) {
    throw new Error(
      `${where}: "id" is missing or contains spaces; give each entity a stable id such as per:wang-yi`,
    );
  }
  const type = text(raw.type).toUpperCase();
  if (!TYPES.has(type)) {
    throw new Error(`${where} (${id}): "type" is "${text(raw.type)}"; use PERSON, ORG or LOC`);
  }
  const canonicalAr = text(raw.canonical_ar ?? raw.canonicalAr);
  if (!hasArabic(canonicalAr)) {
    throw new Error(`${where} (${id}): "canonical_ar" must be the Arabic name, e.g. وانغ يي`);
  }
  const canonicalEn = text(raw.canonical_en ?? raw.canonicalEn);
  if (!canonicalEn) throw new Error(`${where} (${id}): "canonical_en" (the English name) is missing`);
  return {
    id,
    type: type as EntityType,
    canonicalAr,
    canonicalEn,
    aliases: list(raw.aliases, where, 'aliases'),
    shortForms: list(raw.short_forms ?? raw.shortForms, where, 'short_forms'),
    context: list(raw.context, where, 'context'),
  };
}

/**
 * Parses a gazetteer file's text. CSV: a header row with the columns of GAZETTEER_COLUMNS (any order; only
 * id, type, canonical_ar and canonical_en are required), lines starting with # are comments. JSON: an array
 * of objects with the same keys (snake_case or camelCase), list fields as arrays or "|"-joined strings.
 * Pure: the caller reads the file. Throws with the row and the fix when a row is malformed.
 */
export function parseGazetteer(input: string, format: 'json' | 'csv'): GazetteerEntry[] {
  if (typeof input !== 'string')
    throw new TypeError('parseGazetteer expects the file text as a string; decode it first');
  const src = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(src);
    } catch (e) {
      throw new Error(
        `gazetteer JSON does not parse (${(e as Error).message}); expected an array of entity objects`,
      );
    }
    if (!Array.isArray(data)) throw new Error('gazetteer JSON must be an array of entity objects');
    return data.map((row, i) => {
      if (!row || typeof row !== 'object') throw new Error(`gazetteer entry ${i}: expected an object`);
      return entry(row as Record<string, unknown>, `gazetteer entry ${i}`);
    });
  }
  if (format !== 'csv') throw new Error(`unknown gazetteer format "${String(format)}"; use "csv" or "json"`);
  let rows: Record<string, string>[];
  try {
    rows = parse(src, {
      columns: true,
      comment: '#',
      skip_empty_lines: true,
      trim: true,
      relax_column_count_less: true,
    });
  } catch (e) {
    throw new Error(`gazetteer CSV does not parse (${(e as Error).message}); see the README for the format`);
  }
  const first = rows[0];
  if (first) {
    for (const col of ['id', 'type', 'canonical_ar', 'canonical_en']) {
      if (!(col in first))
        throw new Error(
          `gazetteer CSV has no "${col}" column; the header must name ${GAZETTEER_COLUMNS.join(',')}`,
        );
    }
  }
  return rows.map((row, i) => entry(row, `gazetteer CSV row ${i + 2}`));
}

/**
 * Merges entries by id, in order: a repeated id adds its aliases, short forms and context to the first
 * entry (so a researcher's file can add spellings to a built-in entity). A repeated id with another type throws.
 */
export function mergeEntries(entries: Iterable<GazetteerEntry>): GazetteerEntry[] {
  const byId = new Map<string, GazetteerEntry>();
  for (const e of entries) {
    const prev = byId.get(e.id);
    if (!prev) {
      byId.set(e.id, {
        ...e,
        aliases: [...e.aliases],
        shortForms: [...e.shortForms],
        context: [...e.context],
      });
      continue;
    }
    if (prev.type !== e.type) {
      throw new Error(
        `entity ${e.id} is ${prev.type} in one gazetteer and ${e.type} in another; give one of them a new id`,
      );
    }
    for (const a of [e.canonicalAr, ...e.aliases])
      if (!prev.aliases.includes(a) && a !== prev.canonicalAr) prev.aliases.push(a);
    for (const s of e.shortForms) if (!prev.shortForms.includes(s)) prev.shortForms.push(s);
    for (const c of e.context) if (!prev.context.includes(c)) prev.context.push(c);
  }
  return [...byId.values()];
}
