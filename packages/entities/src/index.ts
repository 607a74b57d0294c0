import { BUILT_IN_ENTRIES_JSON, STOP_PHRASES } from './data.generated.js';
import { mergeEntries } from './gazetteer.js';
import { buildIndex, type PhraseIndex, phraseKey } from './index-build.js';
import { analyzeWithIndex, tagWithIndex } from './tagger.js';
import type { Analysis, EntityModel, EntityType, GazetteerEntry, Mention } from './types.js';

export { type Candidate, type CandidateInput, rankCandidates } from './candidates.js';
export { CONFIDENCE } from './confidence.js';
export { GAZETTEER_COLUMNS, mergeEntries, parseGazetteer } from './gazetteer.js';
export { derivedId } from './ids.js';
export { phraseKey } from './index-build.js';
export { LOC_TRIGGERS, ORG_TRIGGERS, PERSON_TITLES, STOPWORDS, TITLE_WORDS } from './lexicon.js';
export type {
  Analysis,
  EntityModel,
  EntityType,
  GazetteerEntry,
  Mention,
  MentionMethod,
  ModelSpan,
} from './types.js';

export interface TaggerOptions {
  /** Entities added to (or merged by id into) the gazetteer, e.g. from parseGazetteer on a researcher's file. */
  extra?: GazetteerEntry[];
  /** A learned tagger: its spans that no gazetteer, coreference or pattern mention covers become method 'model'. */
  model?: EntityModel;
  /** Load the built-in gazetteer (default true). */
  builtIn?: boolean;
}

export interface GazetteerHit {
  id: string;
  type: EntityType;
  canonicalAr: string;
  canonicalEn: string;
}

export interface Tagger {
  /** Mentions in body, sorted by start; spans are UTF-16 offsets into body. */
  tag(body: string): Mention[];
  /** tag(body) and the key hashes of the body's words (see Analysis), from the same tokenization. */
  analyze(body: string): Analysis;
  /** Entities whose alias (not short form) is exactly this phrase after normalization; [] when none. */
  lookup(phrase: string): GazetteerHit[];
  /** The merged gazetteer in use. */
  readonly entries: readonly GazetteerEntry[];
}

let builtInCache: GazetteerEntry[] | undefined;

/** The built-in gazetteer (countries, places, organisations, people), merged by id. */
export function builtInGazetteer(): GazetteerEntry[] {
  // Parsed, checked and merged from data/*.csv at build time (scripts/build-data.ts).
  builtInCache ??= JSON.parse(BUILT_IN_ENTRIES_JSON) as GazetteerEntry[];
  return builtInCache;
}

function lookupIn(index: PhraseIndex, phrase: string): GazetteerHit[] {
  const pats = index.phrases.get(phraseKey(phrase)) ?? [];
  const out: GazetteerHit[] = [];
  for (const p of pats) {
    if (p.kind !== 'alias' || p.article) continue;
    const e = index.entries[p.entry]!;
    if (!out.some((h) => h.id === e.id))
      out.push({ id: e.id, type: e.type, canonicalAr: e.canonicalAr, canonicalEn: e.canonicalEn });
  }
  return out;
}

/** Builds a tagger over the built-in gazetteer plus `extra`. Building takes a few milliseconds; reuse the tagger. */
export function createTagger(options: TaggerOptions = {}): Tagger {
  const base = options.builtIn === false ? [] : builtInGazetteer();
  const entries = options.extra?.length ? mergeEntries([...base, ...options.extra]) : base;
  const index = buildIndex(entries, STOP_PHRASES);
  const model = options.model;
  return {
    tag: (body) => tagWithIndex(index, body, { model }),
    analyze: (body) => analyzeWithIndex(index, body, { model }),
    lookup: (phrase) => lookupIn(index, phrase),
    entries,
  };
}

let defaultTagger: Tagger | undefined;

/** Tags a body with the built-in gazetteer (the tagger is built once and reused). */
export function tagEntities(body: string): Mention[] {
  defaultTagger ??= createTagger();
  return defaultTagger.tag(body);
}

/** Gazetteer membership of a phrase for features: the first entity it names in the built-in gazetteer. */
export function gazetteerLookup(phrase: string): GazetteerHit | undefined {
  defaultTagger ??= createTagger();
  return defaultTagger.lookup(phrase)[0];
}

// The learned tagger (issue 9): averaged perceptron trained on ANERcorp; see src/model and the README.
export * from './model/index.js';
