import type { Token } from '@akhbar/text';

export type EntityType = 'PERSON' | 'ORG' | 'LOC';

/** How a mention was found, from most to least certain. */
export type MentionMethod = 'gazetteer' | 'alias' | 'coref' | 'title' | 'pattern' | 'model';

/** One mention of an entity: a half-open UTF-16 span of the body, `body.slice(start, end) === surface`. */
export interface Mention {
  entityId: string;
  type: EntityType;
  surface: string;
  canonicalAr: string;
  canonicalEn: string;
  start: number;
  end: number;
  method: MentionMethod;
  confidence: number;
  /** The title that introduces a person, as written (e.g. 'وزير الخارجية الروسي'). */
  role?: string;
}

/** A body's mentions and its words, from one tokenization (Tagger.analyze). */
export interface Analysis {
  /** As Tagger.tag returns them. */
  mentions: Mention[];
  /**
   * For each word or number token of the body, in order (isWordKind of @akhbar/text): its keyHash, the
   * 32-bit FNV-1a of its match key. Its length is the body's word count (countWords); near-duplicate
   * shingles can be built from it without tokenizing the body again.
   */
  wordHashes: Uint32Array;
}

/**
 * One gazetteer entity. `aliases` match anywhere; `shortForms` (وانغ, شي, الأسد) match only when the entity
 * is anchored in the same document by a full alias, or introduced by a title (الرئيس شي). `context` lists
 * entity ids whose presence in the document supports this entity when an alias is shared (عمان: Oman or Amman).
 */
export interface GazetteerEntry {
  id: string;
  type: EntityType;
  canonicalAr: string;
  canonicalEn: string;
  aliases: string[];
  shortForms: string[];
  context: string[];
}

/** A span proposed by a learned tagger (see createTagger's `model` option). */
export interface ModelSpan {
  start: number;
  end: number;
  type: EntityType;
  confidence: number;
}

/**
 * A learned tagger plugged into createTagger. It sees the body, its tokens (source offsets) and the mentions
 * the gazetteer, coreference and patterns already found; spans overlapping those are dropped.
 */
export interface EntityModel {
  predict(body: string, tokens: Token[], gazetteerSpans: Mention[]): ModelSpan[];
}
