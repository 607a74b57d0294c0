// A record's mentions as they travel in a spool line: one flat array of numbers over a per-record
// string table, instead of one JSON object per mention. As objects, a mention repeats 11 keys, its
// article id, its surface and its entity's names (~235 bytes); they were 54% of a spool line on the
// benchmark corpus (40 mentions per article), and every byte is stringified by a worker, written,
// read back, decoded and parsed again by an assembly thread.
import type { ColumnBatch } from '@akhbar/dataset';
// The subpath: processing workers import this module and need not load Arrow, Parquet and arquero.
import { compareCodeUnits } from '@akhbar/dataset/order';
import type { MentionRow, RecordResult } from './rows.js';

/** Numbers per mention in `v`. */
const WIDTH = 9;

/** packMentions' numbers before they become `v` (kept between records; doubles, never holey). */
const scratch: number[] = [0.5];

export interface MentionColumns {
  /** Distinct strings of the record's mentions. */
  s: string[];
  /**
   * Per mention: entity_id, type, canonical_ar, canonical_en, method (indexes into `s`), start, end,
   * confidence, surface (index into `s`, or -1 when it is body.slice(start, end), as it nearly always is).
   */
  v: number[];
  /** Per mention, the index of role in `s`, or -1 for none; omitted when no mention has a role. */
  r?: number[];
}

/** Pack mentions (of one body) into columns; mentionBatch gives them back as a column batch. */
export function packMentions(body: string, mentions: readonly MentionRow[]): MentionColumns {
  const s: string[] = [];
  const at = new Map<string, number>();
  const ix = (x: string): number => {
    let i = at.get(x);
    if (i === undefined) {
      i = s.length;
      s.push(x);
      at.set(x, i);
    }
    return i;
  };
  // Written into a reused array of numbers, then sliced to the exact size: an array made with
  // new Array(n) stays "holey" in V8 however it is filled, and JSON.stringify takes its slow path for
  // holey arrays (9.1 against 4.4 us for the 40 mentions of an article); one grown by push is copied
  // at every growth. A slice of a packed array is packed (Array.from of a typed array would be too,
  // but goes through an iterator). The surface is compared in place.
  const n = WIDTH * mentions.length;
  const w = scratch;
  while (w.length < n) w.push(0.5);
  let r: number[] | undefined;
  for (let k = 0, o = 0; k < mentions.length; k++, o += WIDTH) {
    const m = mentions[k]!;
    const own = m.end - m.start === m.surface.length && body.startsWith(m.surface, m.start);
    w[o] = ix(m.entity_id);
    w[o + 1] = ix(m.type);
    w[o + 2] = ix(m.canonical_ar);
    w[o + 3] = ix(m.canonical_en);
    w[o + 4] = ix(m.method);
    w[o + 5] = m.start;
    w[o + 6] = m.end;
    w[o + 7] = m.confidence;
    w[o + 8] = own ? -1 : ix(m.surface);
    const role = m.role ?? null;
    if (role !== null) {
      r ??= Array.from({ length: mentions.length }, () => -1);
      r[k] = ix(role);
    }
  }
  const v = w.slice(0, n);
  return r ? { s, v, r } : { s, v };
}

/**
 * Strings given codes that hold across records (entity ids, names, surfaces): batches of several
 * records coded over one table keep their codes when joined, so the writers make the text of a
 * repeated mention once per batch (see csvRecords) instead of once per record. The table holds each
 * distinct string once; use one per range of records, whose names are a few thousand.
 */
export class StringTable {
  readonly values: Array<string | null> = [null];
  private readonly at = new Map<string, number>();

  /** The code of s (0 is null). */
  code(s: string | null): number {
    if (s === null) return 0;
    let code = this.at.get(s);
    if (code === undefined) {
      code = this.values.push(s) - 1;
      this.at.set(s, code);
    }
    return code;
  }
}

/**
 * A record's mentions as a column batch for the mentions table, with the given article id, sorted
 * by start, end, entity_id, and the distinct entity ids, sorted. No object is made per mention: the
 * string columns are coded over `strings`.
 */
export function mentionBatch(
  r: RecordResult,
  articleId: string,
  strings: StringTable = new StringTable(),
): { batch: ColumnBatch<'mentions'>; entityIds: string[] } {
  const body = r.article?.body ?? '';
  const c = r.mentionColumns ?? packMentions(body, r.mentions);
  const { s, v } = c;
  const n = v.length / WIDTH;
  const order = Array.from({ length: n }, (_, k) => k * WIDTH);
  order.sort(
    (x, y) =>
      v[x + 5]! - v[y + 5]! ||
      v[x + 6]! - v[y + 6]! ||
      (v[x] === v[y] ? 0 : compareCodeUnits(s[v[x]!]!, s[v[y]!]!)),
  );
  // The record's string table in `strings`.
  const code = s.map((x) => strings.code(x));
  const values = strings.values;
  const coded = (field: number) => {
    const codes = new Array<number>(n);
    for (let k = 0; k < n; k++) codes[k] = code[v[order[k]! + field]!]!;
    return { values, codes };
  };
  const numbers = (field: number) => {
    const out = new Array<number>(n);
    for (let k = 0; k < n; k++) out[k] = v[order[k]! + field]!;
    return out;
  };
  const surfaces = new Array<number>(n);
  const ids = new Set<string>();
  for (let k = 0; k < n; k++) {
    const o = order[k]!;
    const own = v[o + 8]!;
    surfaces[k] = own < 0 ? strings.code(body.slice(v[o + 5], v[o + 6])) : code[own]!;
    ids.add(s[v[o]!]!);
  }
  const columns: ColumnBatch<'mentions'>['columns'] = {
    // Plain, not coded: coded, it would start the run of coded columns after it, and a run's text
    // is made once per combination of codes, which then would be once per article.
    article_id: new Array<string>(n).fill(articleId),
    entity_id: coded(0),
    type: coded(1),
    surface: { values, codes: surfaces },
    canonical_ar: coded(2),
    canonical_en: coded(3),
    start: numbers(5),
    end: numbers(6),
    method: coded(4),
    confidence: numbers(7),
  };
  if (c.r) {
    const roles = c.r;
    const codes = new Array<number>(n);
    // -1 (no role) is null, code 0.
    for (let k = 0; k < n; k++)
      codes[k] = roles[order[k]! / WIDTH]! < 0 ? 0 : code[roles[order[k]! / WIDTH]!]!;
    columns.role = { values, codes };
  }
  return { batch: { rows: n, columns }, entityIds: [...ids].sort() };
}

/** The record as a worker sends it: mentions as columns (see above). */
export function withMentionColumns(r: RecordResult): RecordResult {
  if (!r.article || r.mentions.length === 0) return r;
  return { ...r, mentions: [], mentionColumns: packMentions(r.article.body, r.mentions) };
}
