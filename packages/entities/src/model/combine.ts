import { normalizeKey } from '@akhbar/text';
import { derivedId } from '../ids.js';
import { triggerClass } from './triggers.js';
import type { MentionLike as Mention, ModelSpan } from './types.js';

/**
 * Entity id of a tagger-only name, `model:<per|org|loc>:<normalized surface, _ for spaces>` (the package's
 * derived-id scheme), so one name groups across articles however it is spelled.
 */
export function modelEntityId(type: Mention['type'], surface: string): string {
  return derivedId('model', type, surface);
}

export interface CombineOptions {
  /**
   * What to do with 'pattern' mentions (names guessed from a trigger word), which the tagger sees as
   * features: 'model-decides' (default) keeps one only where a tagger span covers exactly the same text,
   * replaces it by the tagger's span where they overlap otherwise, and drops it where the tagger found no
   * name; 'keep' treats it like a gazetteer mention.
   */
  patterns?: 'model-decides' | 'keep';
  /**
   * A gazetteer mention strictly inside a longer tagger span of another type (the LOC القاهرة inside the
   * ORG جامعة القاهرة): 'model' (default) keeps the longer name and drops the listed one; 'keep' keeps the
   * gazetteer mention and drops the tagger span.
   */
  nested?: 'model' | 'keep';
  /**
   * Who decides extents and types where the two disagree. 'gazetteer' (default) keeps every listed name as
   * the gazetteer wrote it: the project's conventions (مجموعة بريكس، titles of office outside names).
   * 'model' keeps the tagger's spans, the conventions of its training corpus (ANERcorp tags the name
   * without its kind word: مايكروسوفت in شركة مايكروسوفت); a gazetteer mention then only lends its entity to
   * a tagger span of its type over it, and a listed name the tagger left out is dropped (the tagger saw the
   * gazetteer's spans as features and judged them otherwise). `patterns` and `nested` do not apply.
   */
  authority?: 'gazetteer' | 'model';
}

const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Adds the tagger's spans to the gazetteer's mentions. Gazetteer, alias, coreference and title mentions keep
 * their canonical ids, and a tagger span overlapping one of them is dropped (the gazetteer knows the name
 * better). The remaining spans become mentions with method 'model', their own confidence, and an id from the
 * normalized surface. Output is sorted by start, then end.
 */
export function combineMentions(
  gazetteerMentions: readonly Mention[],
  modelSpans: readonly ModelSpan[],
  body: string,
  options: CombineOptions = {},
): Mention[] {
  const decide = (options.patterns ?? 'model-decides') === 'model-decides';
  const spans = modelSpans.filter((s) => s.start >= 0 && s.end <= body.length && s.start < s.end);
  if (options.authority === 'model') return modelAuthority(gazetteerMentions, spans, body);
  const out: Mention[] = [];
  const kept = gazetteerMentions.filter(
    (m) =>
      !(decide && m.method === 'pattern') ||
      spans.some((s) => s.start === m.start && s.end === m.end && s.type === m.type),
  );
  // A listed name inside a longer name of another type is part of that name (القاهرة in جامعة القاهرة):
  // the tagger's span wins when every mention it overlaps lies strictly inside it with another type.
  const dropped = new Set<Mention>();
  if ((options.nested ?? 'model') === 'model') {
    for (const s of spans) {
      const inside = kept.filter((m) => overlap(m, s));
      const wins =
        inside.length > 0 &&
        inside.every(
          (m) =>
            m.type !== s.type && s.start <= m.start && m.end <= s.end && s.end - s.start > m.end - m.start,
        );
      if (wins) for (const m of inside) dropped.add(m);
    }
  }
  for (const m of kept) if (!dropped.has(m)) out.push(untitled(m, spans, body));
  // Mentions per article are few (tens): the quadratic overlap test costs less than an interval index.
  for (const s of spans) if (!out.some((m) => overlap(m, s))) out.push(modelMention(s, body));
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * A listed person's mention that opens with titles (الشيخ محمد بن راشد, from an alias that keeps one) is
 * cut to the name where a tagger span of a person covers exactly the rest: titles of office stay outside
 * names. The mention keeps its entity.
 */
function untitled(m: Mention, spans: readonly ModelSpan[], body: string): Mention {
  if (m.type !== 'PERSON' || m.method === 'pattern') return m;
  const s = spans.find((x) => x.type === 'PERSON' && x.end === m.end && x.start > m.start);
  if (!s) return m;
  const head = body.slice(m.start, s.start).trim().split(/\s+/);
  if (!head.every((w) => w && triggerClass(normalizeKey(w), []).includes('P'))) return m;
  return { ...m, surface: body.slice(s.start, m.end), start: s.start };
}

function modelMention(s: ModelSpan, body: string): Mention {
  const surface = body.slice(s.start, s.end);
  return {
    entityId: modelEntityId(s.type, surface),
    type: s.type,
    surface,
    canonicalAr: surface,
    canonicalEn: '',
    start: s.start,
    end: s.end,
    method: 'model',
    confidence: s.confidence,
  };
}

/** authority 'model': the tagger's spans, each under the entity of a listed same-type name it overlaps. */
function modelAuthority(
  gazetteerMentions: readonly Mention[],
  spans: readonly ModelSpan[],
  body: string,
): Mention[] {
  const out = spans.map((s): Mention => {
    const listed = gazetteerMentions.find(
      (m) => m.method !== 'pattern' && m.type === s.type && overlap(m, s),
    );
    if (!listed) return modelMention(s, body);
    return { ...listed, surface: body.slice(s.start, s.end), start: s.start, end: s.end };
  });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
