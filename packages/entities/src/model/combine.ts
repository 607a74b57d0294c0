import { normalizeKey } from '@akhbar/text';
import type { MentionLike as Mention, ModelSpan } from './types.js';

/** Entity id of a tagger-only name: type plus normalized surface, so one name groups across articles. */
export function modelEntityId(type: Mention['type'], surface: string): string {
  const key = normalizeKey(surface).replace(/\s+/g, '_');
  return `model:${type.toLowerCase()}:${key}`;
}

/**
 * Adds the tagger's spans to the gazetteer's mentions. Gazetteer, alias, coreference and pattern mentions
 * keep their canonical ids; a tagger span that overlaps any of them is dropped (the gazetteer knows the
 * name better); the rest become mentions with method 'model', their own confidence, and an id from the
 * normalized surface. Output is sorted by start, then end.
 */
export function combineMentions(
  gazetteerMentions: readonly Mention[],
  modelSpans: readonly ModelSpan[],
  body: string,
): Mention[] {
  const taken = [...gazetteerMentions].sort((a, b) => a.start - b.start || a.end - b.end);
  const overlaps = (s: ModelSpan) => {
    // Binary search for the first mention ending after s.start would be faster; mentions per article are few.
    for (const m of taken) {
      if (m.start >= s.end) break;
      if (m.end > s.start) return true;
    }
    return false;
  };
  const out: Mention[] = [...gazetteerMentions];
  for (const s of modelSpans) {
    if (s.start < 0 || s.end > body.length || s.start >= s.end || overlaps(s)) continue;
    const surface = body.slice(s.start, s.end);
    out.push({
      entityId: modelEntityId(s.type, surface),
      type: s.type,
      surface,
      canonicalAr: surface,
      canonicalEn: '',
      start: s.start,
      end: s.end,
      method: 'model',
      confidence: s.confidence,
    });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
