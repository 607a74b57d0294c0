// A record's mentions as they travel in a spool line: one flat array of numbers over a per-record
// string table, instead of one JSON object per mention. As objects, a mention repeats 11 keys, its
// article id, its surface and its entity's names (~235 bytes); they were 54% of a spool line on the
// benchmark corpus (40 mentions per article), and every byte is stringified by a worker, written,
// read back, decoded and parsed again by an assembly thread.
import type { MentionRow, RecordResult } from './rows.js';

/** Numbers per mention in `v`. */
const WIDTH = 9;

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

/** Pack mentions (of one body) into columns; unpackMentions(body, packed) gives them back. */
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
  const v: number[] = [];
  let r: number[] | undefined;
  for (const [k, m] of mentions.entries()) {
    const own = body.slice(m.start, m.end) === m.surface;
    v.push(
      ix(m.entity_id),
      ix(m.type),
      ix(m.canonical_ar),
      ix(m.canonical_en),
      ix(m.method),
      m.start,
      m.end,
      m.confidence,
      own ? -1 : ix(m.surface),
    );
    const role = m.role ?? null;
    if (role !== null) {
      r ??= new Array<number>(mentions.length).fill(-1);
      r[k] = ix(role);
    }
  }
  return r ? { s, v, r } : { s, v };
}

/** Mention rows from their columns, with the given article id. */
export function unpackMentions(body: string, c: MentionColumns, articleId: string): MentionRow[] {
  const { s, v, r } = c;
  const n = v.length / WIDTH;
  const out = new Array<MentionRow>(n);
  for (let k = 0, o = 0; k < n; k++, o += WIDTH) {
    const start = v[o + 5]!;
    const end = v[o + 6]!;
    const surface = v[o + 8]!;
    const role = r ? r[k]! : -1;
    out[k] = {
      article_id: articleId,
      entity_id: s[v[o]!]!,
      type: s[v[o + 1]!] as MentionRow['type'],
      surface: surface < 0 ? body.slice(start, end) : s[surface]!,
      canonical_ar: s[v[o + 2]!]!,
      canonical_en: s[v[o + 3]!]!,
      start,
      end,
      method: s[v[o + 4]!]!,
      confidence: v[o + 7]!,
      role: role < 0 ? null : s[role]!,
    };
  }
  return out;
}

/** The record as a worker sends it: mentions as columns (see above). */
export function withMentionColumns(r: RecordResult): RecordResult {
  if (!r.article || r.mentions.length === 0) return r;
  return { ...r, mentions: [], mentionColumns: packMentions(r.article.body, r.mentions) };
}

/** A spooled record's mention rows, as columns or (records from in-process runs) as rows, with the given article id. */
export function mentionsOf(r: RecordResult, articleId: string): MentionRow[] {
  if (r.mentionColumns && r.article) return unpackMentions(r.article.body, r.mentionColumns, articleId);
  for (const m of r.mentions) m.article_id = articleId;
  return r.mentions;
}
