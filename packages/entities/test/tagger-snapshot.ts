/**
 * The stored form of the tagger snapshot: mentions as tuples whose strings index a shared table, so that
 * thousands of mentions stay a small fixture. `surface` is not stored: it is always text.slice(start, end).
 */
import type { Mention } from '../src/index.js';

/** [start, end, entityId, type, canonicalAr, canonicalEn, method, confidence, role?]; strings as table indexes. */
export type MentionRow = [number, number, number, number, number, number, number, number, number?];

export interface TaggerSnapshot {
  description: string;
  madeWith: string;
  why: string;
  strings: string[];
  texts: string[];
  mentions: MentionRow[][];
}

export function toRows(mentions: Mention[][], strings: string[]): MentionRow[][] {
  const index = new Map(strings.map((s, i) => [s, i]));
  const id = (s: string) => {
    let i = index.get(s);
    if (i === undefined) {
      i = strings.push(s) - 1;
      index.set(s, i);
    }
    return i;
  };
  return mentions.map((ms) =>
    ms.map((m) => {
      const row: MentionRow = [
        m.start,
        m.end,
        id(m.entityId),
        id(m.type),
        id(m.canonicalAr),
        id(m.canonicalEn),
        id(m.method),
        m.confidence,
      ];
      if ('role' in m) row.push(id(m.role!));
      return row;
    }),
  );
}

/** The mentions of one text as tag() returns them, fields in tag()'s order. */
export function fromRows(text: string, rows: MentionRow[], strings: string[]): Mention[] {
  return rows.map(([start, end, entityId, type, ar, en, method, confidence, role]) => {
    const m = {
      entityId: strings[entityId]!,
      type: strings[type]!,
      surface: text.slice(start, end),
      canonicalAr: strings[ar]!,
      canonicalEn: strings[en]!,
      start,
      end,
      method: strings[method]!,
      confidence,
    } as Mention;
    if (role !== undefined) m.role = strings[role]!;
    return m;
  });
}
