import {
  type Normalized,
  normalize,
  procliticSplits,
  type Token,
  tokenize,
  toSourceSpan,
} from '@akhbar/text';
import { type Pattern, type PhraseIndex, phraseKey } from './index-build.js';
import { LOC_TRIGGERS, ORG_TRIGGERS, PERSON_TITLES, STOPWORDS, TITLE_WORDS } from './lexicon.js';
import type { EntityModel, EntityType, Mention, MentionMethod } from './types.js';

/** Confidence by how a mention was found. */
export const CONFIDENCE = {
  gazetteer: 0.99,
  alias: 0.95,
  /** A lone surname (لافروف) with no fuller mention of the person in the document. */
  bareSurname: 0.9,
  coref: 0.9,
  title: 0.85,
  /** An alias shared by several entities, resolved by other entities in the document (عمان with مسقط). */
  contextResolved: 0.85,
  /** An alias shared by several entities with nothing in the document to choose: the first listed wins. */
  ambiguous: 0.6,
  patternPerson: 0.6,
  patternLoc: 0.55,
  patternOrg: 0.5,
} as const;

// First letters of a proclitic (و ف ب ل ك and the ا of ال): other words are never split.
const CLITIC_FIRST = new Set(['و', 'ف', 'ب', 'ل', 'ك', 'ا']);

interface Reading {
  stem: string;
  offset: number;
  article: boolean;
}

interface Candidate {
  /** Token index after the last token. */
  end: number;
  reading: Reading;
  patterns: Pattern[];
}

interface Doc {
  body: string;
  n: Normalized;
  toks: Token[];
  words: string[];
}

function readings(word: string, kind: Token['kind']): Reading[] {
  if (kind !== 'arabic' || !CLITIC_FIRST.has(word[0]!)) return [{ stem: word, offset: 0, article: false }];
  return procliticSplits(word).map((s) => ({ stem: s.stem, offset: s.offset, article: s.article }));
}

/** Longest alias/stop candidate and longest short-form candidate starting at each token. */
function scan(
  index: PhraseIndex,
  doc: Doc,
): { full: (Candidate | undefined)[]; short: (Candidate | undefined)[] } {
  const { words, toks } = doc;
  const full: (Candidate | undefined)[] = new Array(words.length);
  const short: (Candidate | undefined)[] = new Array(words.length);
  const { phrases, prefixes } = index;
  for (let i = 0; i < words.length; i++) {
    for (const r of readings(words[i]!, toks[i]!.kind)) {
      let phrase = r.stem;
      let j = i;
      for (;;) {
        const pats = phrases.get(phrase);
        if (pats) {
          let f: Pattern[] | undefined;
          let s: Pattern[] | undefined;
          for (const p of pats) {
            if (p.article !== r.article) continue;
            if (p.kind === 'short') {
              s ??= [];
              s.push(p);
            } else {
              f ??= [];
              f.push(p);
            }
          }
          // Longer wins; at equal length the earlier reading (fewer clitics split off) wins.
          if (f && (!full[i] || full[i]!.end < j + 1)) full[i] = { end: j + 1, reading: r, patterns: f };
          if (s && (!short[i] || short[i]!.end < j + 1)) short[i] = { end: j + 1, reading: r, patterns: s };
        }
        if (j + 1 >= words.length || !prefixes.has(phrase)) break;
        j++;
        phrase += ` ${words[j]}`;
      }
    }
  }
  return { full, short };
}

function isNisba(w: string): boolean {
  return w.length >= 5 && w.startsWith('ال') && (w.endsWith('ي') || w.endsWith('يه'));
}

/** The word without a leading conjunction (و ف), when that leaves a title: ووزير، والرئيس. */
function conjStripped(w: string): string | undefined {
  return (w[0] === 'و' || w[0] === 'ف') && w.length > 3 ? w.slice(1) : undefined;
}

/**
 * The title right before token i (وزير الخارجية الصيني، | نظيره الروسي): scans back over title words, nisba
 * adjectives and one comma, and keeps the span from the leftmost title head. Returns the key span or undefined.
 */
function roleBefore(doc: Doc, i: number, allowComma = true): [number, number] | undefined {
  const { words, toks } = doc;
  let k = i - 1;
  if (allowComma && k >= 0 && (words[k] === '،' || words[k] === ',')) k--;
  const last = k;
  let head = -1;
  let headOffset = 0;
  for (let steps = 0; k >= 0 && steps < 9; k--, steps++) {
    const w = words[k]!;
    if (PERSON_TITLES.has(w)) {
      head = k;
      headOffset = 0;
      continue;
    }
    if (TITLE_WORDS.has(w) || isNisba(w)) continue;
    const bare = conjStripped(w);
    if (bare && PERSON_TITLES.has(bare)) {
      head = k;
      headOffset = 1;
    }
    break;
  }
  if (head < 0 || last < head) return undefined;
  return [toks[head]!.start + headOffset, toks[last]!.end];
}

function isStop(w: string): boolean {
  if (STOPWORDS.has(w)) return true;
  for (const r of procliticSplits(w)) if (r.offset > 0 && STOPWORDS.has(r.stem)) return true;
  return false;
}

function nameLike(doc: Doc, k: number, covered: Uint8Array): boolean {
  const w = doc.words[k];
  if (w === undefined || covered[k] || doc.toks[k]!.kind !== 'arabic' || w.length < 2) return false;
  return !(
    w.startsWith('ال') ||
    isStop(w) ||
    PERSON_TITLES.has(w) ||
    TITLE_WORDS.has(w) ||
    LOC_TRIGGERS.has(w) ||
    ORG_TRIGGERS.has(w) ||
    isNisba(w)
  );
}

/** The trigger read off a word, with or without its proclitics (بمدينة → مدينة at offset 1). */
function triggerIn(w: string, set: ReadonlySet<string>): number {
  if (set.has(w)) return 0;
  for (const r of procliticSplits(w)) if (r.offset > 0 && !r.article && set.has(r.stem)) return r.offset;
  return -1;
}

const TYPE_PREFIX: Record<EntityType, string> = { PERSON: 'per', ORG: 'org', LOC: 'loc' };

/** Id of an entity found outside the gazetteer: `<method>:<type>:<normalized key with _ for spaces>`. */
export function derivedId(method: 'pattern' | 'model', type: EntityType, surface: string): string {
  return `${method}:${TYPE_PREFIX[type]}:${phraseKey(surface).replace(/ /g, '_')}`;
}

export interface TagOptions {
  model?: EntityModel;
}

/** Tags one body with a built index. Pure; linear in the body's length. */
export function tagWithIndex(index: PhraseIndex, body: string, options: TagOptions = {}): Mention[] {
  if (typeof body !== 'string') throw new TypeError('tag(body) expects the article body as a string');
  const n = normalize(body);
  const toks = tokenize(n.text);
  const doc: Doc = { body, n, toks, words: toks.map((t) => t.text) };
  const { full, short } = scan(index, doc);
  const { entries } = index;

  // Entities named by an unambiguous alias anchor their short forms and settle shared aliases.
  const present = new Set<number>();
  for (const c of full) {
    if (!c) continue;
    const ids = new Set(c.patterns.map((p) => p.entry));
    if (ids.size === 1 && !ids.has(-1)) present.add(c.patterns[0]!.entry);
  }
  const presentIds = new Set([...present].map((e) => entries[e]!.id));

  const mentions: Mention[] = [];
  const covered = new Uint8Array(toks.length);
  const seenLong = new Set<number>();
  const span = (ks: number, ke: number) => toSourceSpan(n, ks, ke);

  const emit = (
    i: number,
    c: Candidate,
    entry: number,
    method: MentionMethod,
    confidence: number,
    role?: [number, number],
  ) => {
    const e = entries[entry]!;
    // بالصين, والصين: the article written in full stays in the surface (الصين); after لل it is elided (للصين → صين).
    let offset = c.reading.offset;
    if (c.reading.article && offset >= 3 && doc.words[i]!.slice(offset - 2, offset) === 'ال') offset -= 2;
    const [s, en] = span(toks[i]!.start + offset, toks[c.end - 1]!.end);
    const m: Mention = {
      entityId: e.id,
      type: e.type,
      surface: body.slice(s, en),
      canonicalAr: e.canonicalAr,
      canonicalEn: e.canonicalEn,
      start: s,
      end: en,
      method,
      confidence,
    };
    if (e.type === 'PERSON' && role) {
      const [rs, re] = span(role[0], role[1]);
      m.role = body.slice(rs, re);
    }
    mentions.push(m);
    for (let k = i; k < c.end; k++) covered[k] = 1;
  };

  for (let i = 0; i < toks.length; ) {
    const f = full[i];
    const sc = short[i];
    const role = roleBefore(doc, i);
    // Short forms count only for an entity anchored in this document, or after a title (الرئيس شي).
    let shortPick: { c: Candidate; entry: number; method: MentionMethod } | undefined;
    if (sc && (!f || sc.end > f.end)) {
      for (const p of sc.patterns) {
        const anchored = present.has(p.entry);
        const titled = role !== undefined && sc.reading.offset === 0 && entries[p.entry]!.type === 'PERSON';
        if (titled || anchored) {
          shortPick = { c: sc, entry: p.entry, method: titled ? 'title' : 'coref' };
          break;
        }
      }
    }
    if (shortPick) {
      emit(
        i,
        shortPick.c,
        shortPick.entry,
        shortPick.method,
        CONFIDENCE[shortPick.method as 'title' | 'coref'],
        role,
      );
      i = shortPick.c.end;
      continue;
    }
    if (!f) {
      i++;
      continue;
    }
    if (f.patterns.some((p) => p.kind === 'stop')) {
      i = f.end; // a false friend (مسقط رأسه، رياض الأطفال): nothing here
      continue;
    }
    let pick = f.patterns[0]!;
    let confidence: number = CONFIDENCE.alias;
    const distinct = [...new Set(f.patterns.map((p) => p.entry))];
    if (distinct.length > 1) {
      // A shared alias (عمان): the entity named elsewhere in the document, or supported by its context ids, wins.
      let best = -1;
      for (const p of f.patterns) {
        const e = entries[p.entry]!;
        const score = (presentIds.has(e.id) ? 2 : 0) + e.context.filter((id) => presentIds.has(id)).length;
        if (score > best) {
          best = score;
          pick = p;
        }
      }
      confidence = best > 0 ? CONFIDENCE.contextResolved : CONFIDENCE.ambiguous;
      emit(i, f, pick.entry, 'alias', confidence, role);
    } else {
      const e = entries[pick.entry]!;
      let method: MentionMethod = pick.canonical ? 'gazetteer' : 'alias';
      if (pick.canonical) confidence = CONFIDENCE.gazetteer;
      // A one-word name of a person already named in full (لافروف after سيرجي لافروف) is coreference.
      if (e.type === 'PERSON' && pick.tokens === 1 && !pick.canonical) {
        if (seenLong.has(pick.entry)) {
          method = 'coref';
          confidence = CONFIDENCE.coref;
        } else confidence = CONFIDENCE.bareSurname;
      }
      if (pick.tokens > 1) seenLong.add(pick.entry);
      emit(i, f, pick.entry, method, confidence, role);
    }
    i = f.end;
  }

  discover(doc, covered, mentions);
  if (options.model) addModelSpans(doc, options.model, mentions);
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return mentions;
}

/** Names introduced by a title or a trigger word but missing from the gazetteer (method 'pattern'). */
function discover(doc: Doc, covered: Uint8Array, out: Mention[]): void {
  const { toks, words, n, body } = doc;
  const push = (type: EntityType, ks: number, ke: number, confidence: number, role?: [number, number]) => {
    const [s, e] = toSourceSpan(n, ks, ke);
    const surface = body.slice(s, e);
    const m: Mention = {
      entityId: derivedId('pattern', type, surface),
      type,
      surface,
      canonicalAr: surface,
      canonicalEn: '',
      start: s,
      end: e,
      method: 'pattern',
      confidence,
    };
    if (role) {
      const [rs, re] = toSourceSpan(n, role[0], role[1]);
      m.role = body.slice(rs, re);
    }
    out.push(m);
  };
  for (let i = 0; i < toks.length; i++) {
    if (covered[i]) continue;
    const w = words[i]!;
    // ORG: منظمة/وكالة/حزب + up to three words (articles and nisbas allowed: حزب العمال، حركة الجهاد الإسلامي).
    const orgAt = triggerIn(w, ORG_TRIGGERS);
    if (orgAt >= 0 && toks[i]!.kind === 'arabic') {
      let k = i + 1;
      while (k < toks.length && k - i <= 3) {
        const x = words[k]!;
        if (
          covered[k] ||
          toks[k]!.kind !== 'arabic' ||
          isStop(x) ||
          ORG_TRIGGERS.has(x) ||
          PERSON_TITLES.has(x)
        )
          break;
        // An indefinite adjective right after the trigger (شركة كبيرة) is a description, not a name.
        if (k === i + 1 && !x.startsWith('ال') && x.endsWith('ه')) break;
        k++;
      }
      if (k > i + 1) {
        push('ORG', toks[i]!.start + orgAt, toks[k - 1]!.end, CONFIDENCE.patternOrg);
        for (let q = i; q < k; q++) covered[q] = 1;
        i = k - 1;
        continue;
      }
    }
    if (!nameLike(doc, i, covered)) {
      // LOC: مدينة/منطقة + a name that may carry the article (مدينة الموصل) but is not an adjective.
      if (i > 0 && triggerIn(words[i - 1]!, LOC_TRIGGERS) >= 0 && !covered[i] && toks[i]!.kind === 'arabic') {
        if (w.startsWith('ال') && !isNisba(w) && !isStop(w) && w.length >= 4) {
          push('LOC', toks[i]!.start, toks[i]!.end, CONFIDENCE.patternLoc);
          covered[i] = 1;
        }
      }
      continue;
    }
    if (i > 0 && triggerIn(words[i - 1]!, LOC_TRIGGERS) >= 0) {
      const k = nameLike(doc, i + 1, covered) && !words[i + 1]!.startsWith('ال') ? i + 2 : i + 1;
      push('LOC', toks[i]!.start, toks[k - 1]!.end, CONFIDENCE.patternLoc);
      for (let q = i; q < k; q++) covered[q] = 1;
      i = k - 1;
      continue;
    }
    // No comma between title and an unknown name: "نظيره الروسي، وتعزيز" is a title then a new clause.
    const role = roleBefore(doc, i, false);
    if (role) {
      let k = i + 1;
      while (k < toks.length && k - i < 3 && nameLike(doc, k, covered)) k++;
      push('PERSON', toks[i]!.start, toks[k - 1]!.end, CONFIDENCE.patternPerson, role);
      for (let q = i; q < k; q++) covered[q] = 1;
      i = k - 1;
    }
  }
}

function addModelSpans(doc: Doc, model: EntityModel, out: Mention[]): void {
  const known = out.slice().sort((a, b) => a.start - b.start);
  const spans = model.predict(doc.body, tokenize(doc.body), known);
  if (!Array.isArray(spans))
    throw new Error('model.predict must return an array of {start, end, type, confidence}');
  const taken: Array<[number, number]> = known.map((m) => [m.start, m.end]);
  for (const sp of spans) {
    const { start, end, type, confidence } = sp;
    if (
      !(
        Number.isInteger(start) &&
        Number.isInteger(end) &&
        start >= 0 &&
        end <= doc.body.length &&
        start < end
      )
    ) {
      throw new Error(`model span [${start}, ${end}) is outside the body (length ${doc.body.length})`);
    }
    if (taken.some(([s, e]) => start < e && s < end)) continue;
    const surface = doc.body.slice(start, end);
    out.push({
      entityId: derivedId('model', type, surface),
      type,
      surface,
      canonicalAr: surface,
      canonicalEn: '',
      start,
      end,
      method: 'model',
      confidence,
    });
    taken.push([start, end]);
  }
}
