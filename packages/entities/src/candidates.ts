import { phraseKey } from './index-build.js';
import type { EntityType } from './types.js';

/** What rankCandidates reads from a mention: the Mention objects of tag() and the rows of the mentions table both fit. */
export interface CandidateInput {
  surface: string;
  type: EntityType | string;
  method: string;
  role?: string | null;
}

export interface Candidate {
  /** Normalized key of the name (spellings that differ only by hamza, ة/ه, ى/ي or diacritics share it). */
  key: string;
  type: string;
  /** Mentions found by the methods counted. */
  count: number;
  /** Surfaces as written, most frequent first. */
  surfaces: string[];
  /** Roles seen with the name, most frequent first. */
  roles: string[];
  methods: string[];
}

function byCount(m: Map<string, number>): string[] {
  return [...m.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k]) => k);
}

/**
 * Groups names the gazetteer does not know (methods 'pattern' and 'model' by default) by type and normalized
 * surface, most frequent first: the list a researcher reads to grow the gazetteer. Deterministic order.
 */
export function rankCandidates(
  mentions: Iterable<CandidateInput>,
  options: { methods?: readonly string[]; minCount?: number } = {},
): Candidate[] {
  const methods = new Set(options.methods ?? ['pattern', 'model']);
  const groups = new Map<
    string,
    {
      key: string;
      type: string;
      count: number;
      surfaces: Map<string, number>;
      roles: Map<string, number>;
      methods: Set<string>;
    }
  >();
  for (const m of mentions) {
    if (!methods.has(m.method)) continue;
    const key = phraseKey(m.surface);
    if (!key) continue;
    const id = `${m.type}\u0000${key}`;
    let g = groups.get(id);
    if (!g) {
      g = { key, type: m.type, count: 0, surfaces: new Map(), roles: new Map(), methods: new Set() };
      groups.set(id, g);
    }
    g.count++;
    g.surfaces.set(m.surface, (g.surfaces.get(m.surface) ?? 0) + 1);
    if (m.role) g.roles.set(m.role, (g.roles.get(m.role) ?? 0) + 1);
    g.methods.add(m.method);
  }
  const min = options.minCount ?? 1;
  return [...groups.values()]
    .filter((g) => g.count >= min)
    .map((g) => ({
      key: g.key,
      type: g.type,
      count: g.count,
      surfaces: byCount(g.surfaces),
      roles: byCount(g.roles),
      methods: [...g.methods].sort(),
    }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.type < b.type ? -1 : a.type > b.type ? 1 : 0) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
}
