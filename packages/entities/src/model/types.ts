/** Entity classes the learned tagger reports (ANERcorp's PERS/LOC/ORG; MISC is trained on but never reported). */
export type NerClass = 'PERS' | 'LOC' | 'ORG';

// Declared here rather than imported from ../types.js so the model stands alone; the shapes are the
// package contract's (Mention, ModelSpan), so values pass between the two structurally.

/** The project's entity type names, as @akhbar/entities mentions use them. */
export type SpanType = 'PERSON' | 'ORG' | 'LOC';

/** A span found by the tagger, in body offsets (UTF-16, half-open). */
export interface ModelSpan {
  start: number;
  end: number;
  type: SpanType;
  /** Mean marginal probability of the span's tags under the model, in (0, 1]. */
  confidence: number;
}

/** A mention as the package contract defines it (the fields combineMentions reads and writes). */
export interface MentionLike {
  entityId: string;
  type: SpanType;
  surface: string;
  canonicalAr: string;
  canonicalEn: string;
  start: number;
  end: number;
  method: 'gazetteer' | 'alias' | 'coref' | 'title' | 'pattern' | 'model';
  confidence: number;
  role?: string;
}

/** A span from the gazetteer, given to the tagger as a feature (type only; ids stay with the gazetteer). */
export interface GazetteerSpan {
  start: number;
  end: number;
  type: SpanType;
  /** How the gazetteer found it; 'pattern' (a trigger-introduced guess) is a weaker feature than a listed name. */
  method?: string;
}

export const CLASS_TO_TYPE: Readonly<Record<NerClass, SpanType>> = { PERS: 'PERSON', LOC: 'LOC', ORG: 'ORG' };
export const TYPE_TO_CLASS: Readonly<Record<SpanType, NerClass>> = { PERSON: 'PERS', LOC: 'LOC', ORG: 'ORG' };
