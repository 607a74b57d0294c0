import { normalize, normalizeKey, procliticSplits, type Token, tokenize } from '@akhbar/text';
import { type Pattern, type PhraseIndex, phraseKey } from './index-build.js';
import {
  LOC_TRIGGERS,
  LOC_TRIGGERS_DEFINITE,
  NAME_JOINERS,
  ORG_TRIGGERS,
  PERSON_TITLES,
  STOPWORDS,
  TITLE_WORDS,
} from './lexicon.js';
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
  /** A discovered name met again without its trigger (a family name alone, or the whole name). */
  patternRepeat: 0.5,
} as const;

// Proclitic letters other than the article (و ف ب ل ك).
const PROCLITIC_LETTERS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);

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

/** What the tagger needs to know about one distinct word, computed once per tagger and word. */
interface WordRec {
  /** The normalized key. */
  key: string;
  /** Readings (unsplit, then proclitics split off) whose stem starts a gazetteer phrase. */
  readings: Reading[];
  /** Whether the word can open a discovery (a trigger, a title word or a nisba). */
  cue: boolean;
}

/** A body as tokens of the source (offsets into the body) with the normalized key of each. */
interface Doc {
  body: string;
  toks: Token[];
  words: string[];
  recs: WordRec[];
}

const NO_READINGS: Reading[] = [];
const WORD_CACHE_MAX = 200_000;

// News reuses its words: normalizing and analysing each distinct word once, in a cache kept by the tagger,
// costs one hash look-up per token instead of a pass over the whole body.
function wordRec(index: PhraseIndex, tok: Token): WordRec {
  const cache = index.wordCache as Map<string, WordRec>;
  let rec = cache.get(tok.text);
  if (rec) return rec;
  const key = normalizeKey(tok.text);
  const starts = (stem: string) => index.root.has(stem);
  let readings: Reading[];
  if (tok.kind !== 'arabic' || !CLITIC_FIRST.has(key[0]!)) {
    readings = starts(key) ? [{ stem: key, offset: 0, article: false }] : NO_READINGS;
  } else {
    readings = procliticSplits(key)
      .filter((r) => starts(r.stem))
      .map((r) => ({ stem: r.stem, offset: r.offset, article: r.article }));
    if (readings.length === 0) readings = NO_READINGS;
  }
  rec = { key, readings, cue: isCue(key) };
  if (cache.size >= WORD_CACHE_MAX) cache.clear();
  cache.set(tok.text, rec);
  return rec;
}

function makeDoc(index: PhraseIndex, body: string): Doc {
  const toks = tokenize(body);
  const recs = toks.map((t) => wordRec(index, t));
  return { body, toks, recs, words: recs.map((r) => r.key) };
}

/** Source offset of character `keyOffset` of token `t`'s key (they differ only when the word carries marks). */
function src(doc: Doc, t: number, keyOffset: number): number {
  const tok = doc.toks[t]!;
  if (keyOffset === 0 || doc.words[t]!.length === tok.text.length) return tok.start + keyOffset;
  const n = normalize(tok.text);
  return tok.start + (keyOffset < n.starts.length ? n.starts[keyOffset]! : tok.text.length);
}

/** Longest alias/stop candidate and longest short-form candidate starting at each token. */
function scan(
  index: PhraseIndex,
  doc: Doc,
): { full: (Candidate | undefined)[]; short: (Candidate | undefined)[] } {
  const { words } = doc;
  const full: (Candidate | undefined)[] = new Array(words.length);
  const short: (Candidate | undefined)[] = new Array(words.length);
  for (let i = 0; i < words.length; i++) {
    for (const r of doc.recs[i]!.readings) {
      let node = index.root.get(r.stem);
      let j = i;
      while (node) {
        const f = r.article ? node.fullArticle : node.full;
        const s = r.article ? node.shortArticle : node.short;
        // Longer wins; at equal length the earlier reading (fewer clitics split off) wins.
        if (f && (!full[i] || full[i]!.end < j + 1)) full[i] = { end: j + 1, reading: r, patterns: f };
        if (s && (!short[i] || short[i]!.end < j + 1)) short[i] = { end: j + 1, reading: r, patterns: s };
        j++;
        if (j >= words.length) break;
        node = node.next?.get(words[j]!);
      }
    }
  }
  return { full, short };
}

function isNisba(w: string): boolean {
  return w.length >= 5 && w.startsWith('ال') && (w.endsWith('ي') || w.endsWith('يه'));
}

// Nisba adjectives that follow a name as a description, not as a family name (ويليام روتو الكيني is rare; these are not names).
const NOT_FAMILY: ReadonlySet<string> = new Set([
  'الحالي',
  'السابق',
  'الجديد',
  'الراحل',
  'الماضي',
  'الثاني',
  'الاول',
]);

// Normalized keys (ة→ه, أ→ا).
const HONORIFICS: ReadonlySet<string> = new Set([
  'السيد',
  'السيده',
  'الشيخ',
  'الشيخه',
  'الدكتور',
  'الحاج',
  'الاستاذ',
]);

function isTitleWord(w: string): boolean {
  return PERSON_TITLES.has(w) || TITLE_WORDS.has(w);
}

/** A role made only of honorifics (السيد، الشيخ الدكتور) is too weak to anchor a short form such as سعيد. */
function honorificOnly(doc: Doc, i: number, role: [number, number]): boolean {
  for (let k = i - 1; k >= 0 && doc.toks[k]!.end > role[0]; k--) {
    const w = doc.words[k]!;
    if (w !== '،' && w !== ',' && !HONORIFICS.has(w)) return false;
  }
  return true;
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
      // A definite title right before another title is a separate noun (استقبل الوزير | السفير البرازيلي).
      if (head === k + 1 && w.startsWith('ال')) break;
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
  return [src(doc, head, headOffset), toks[last]!.end];
}

// Per-word answers of the lexicon tests, memoized: discovery asks them for every word of every body.
const MEMO_MAX = 200_000;
function memo<T>(fn: (w: string) => T): (w: string) => T {
  const cache = new Map<string, T>();
  return (w) => {
    let v = cache.get(w);
    if (v === undefined) {
      v = fn(w);
      if (cache.size >= MEMO_MAX) cache.clear();
      cache.set(w, v);
    }
    return v;
  };
}

// A clitic-led word whose stem is a function word or a title (وفي، بمناسبة، والناطق) never starts a name.
const isStop = memo((w: string): boolean => {
  if (STOPWORDS.has(w)) return true;
  for (const r of procliticSplits(w)) {
    if (r.offset === 0) continue;
    if (r.article && r.prefix !== 'ال') return true; // للجماعة، بالقول: a clitic plus the article is a common noun
    if (STOPWORDS.has(r.stem) || PERSON_TITLES.has(r.stem) || TITLE_WORDS.has(r.stem)) return true;
  }
  return false;
});

// A word that can be part of an unknown name: not a function word, title, trigger, article word or nisba.
const nameWord = memo(
  (w: string): boolean =>
    w.length >= 2 &&
    !(
      w.startsWith('ال') ||
      isStop(w) ||
      PERSON_TITLES.has(w) ||
      TITLE_WORDS.has(w) ||
      LOC_TRIGGERS.has(w) ||
      ORG_TRIGGERS.has(w) ||
      isNisba(w)
    ),
);

function nameLike(doc: Doc, k: number, covered: Uint8Array): boolean {
  const w = doc.words[k];
  if (w === undefined || covered[k] || doc.toks[k]!.kind !== 'arabic') return false;
  return nameWord(w);
}

const AREA: ReadonlySet<string> = new Set(['منطقه']);

/** A word that can open a discovery: an organisation or place trigger, a title word or a nisba. */
const isCue = memo(
  (w: string): boolean =>
    isTitleWord(w) ||
    isNisba(w) ||
    triggerIn(w, ORG_TRIGGERS) >= 0 ||
    triggerIn(w, LOC_TRIGGERS) >= 0 ||
    (conjStripped(w) !== undefined && PERSON_TITLES.has(conjStripped(w)!)),
);

/** The trigger read off a word, with or without its proclitics (بمدينة → مدينة at offset 1); -1 when none. */
function triggerFinder(set: ReadonlySet<string>): (w: string) => number {
  return memo((w: string): number => {
    if (set.has(w)) return 0;
    for (const r of procliticSplits(w)) if (r.offset > 0 && !r.article && set.has(r.stem)) return r.offset;
    return -1;
  });
}
const TRIGGER_FINDERS = new Map<ReadonlySet<string>, (w: string) => number>();
function triggerIn(w: string, set: ReadonlySet<string>): number {
  let f = TRIGGER_FINDERS.get(set);
  if (!f) {
    f = triggerFinder(set);
    TRIGGER_FINDERS.set(set, f);
  }
  return f(w);
}

/**
 * Whether the title before token i may introduce an unknown person: not a bare construct head (وزير X is
 * وزير + complement, رئيس انرون is an organisation's head) and not "المتحدث باسم" whose next word is an organisation.
 */
function personRoleOpensName(doc: Doc, i: number): boolean {
  const prev = doc.words[i - 1]!;
  if (prev === 'باسم') return false;
  const prev2 = doc.words[i - 2];
  const single =
    prev2 === undefined || !(PERSON_TITLES.has(prev2) || TITLE_WORDS.has(prev2) || isNisba(prev2));
  if (single && PERSON_TITLES.has(prev) && !prev.startsWith('ال')) return false;
  return true;
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
  const doc = makeDoc(index, body);
  const { toks } = doc;
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
  const lastSeen = new Map<number, number>();

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
    const s = src(doc, i, offset);
    const en = toks[c.end - 1]!.end;
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
      m.role = body.slice(role[0], role[1]);
    }
    mentions.push(m);
    lastSeen.set(entry, i);
    for (let k = i; k < c.end; k++) covered[k] = 1;
  };

  for (let i = 0; i < toks.length; ) {
    const f = full[i];
    const sc = short[i];
    // Only a person or a short form needs its title.
    const role =
      (sc || f?.patterns.some((p) => p.entry >= 0 && entries[p.entry]!.type === 'PERSON')) && i > 0
        ? roleBefore(doc, i)
        : undefined;
    // Short forms count only for an entity anchored in this document, or after a title (الرئيس شي).
    let shortPick: { c: Candidate; entry: number; method: MentionMethod } | undefined;
    // A nisba right after a title is the title's adjective (الرئيس السوداني), never a short name (السوداني).
    if (
      sc &&
      (!f || sc.end > f.end) &&
      !(isNisba(doc.words[i]!) && i > 0 && isTitleWord(doc.words[i - 1]!))
    ) {
      // The entity named most recently wins a shared short form (وانغ after وانغ يي, then after وانغ ون بين).
      let best = -2;
      for (const p of sc.patterns) {
        const seen = lastSeen.get(p.entry) ?? (present.has(p.entry) ? -1 : -2);
        if (seen > best) {
          best = seen;
          shortPick = { c: sc, entry: p.entry, method: 'coref' };
        }
      }
      const titled =
        role !== undefined &&
        sc.reading.offset === 0 &&
        !honorificOnly(doc, i, role) &&
        !isNisba(doc.words[i]!);
      if (titled) {
        const p = shortPick ?? {
          c: sc,
          entry: sc.patterns.find((q) => entries[q.entry]!.type === 'PERSON')?.entry ?? -1,
          method: 'title' as const,
        };
        if (p.entry >= 0 && entries[p.entry]!.type === 'PERSON') shortPick = { ...p, method: 'title' };
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
  const { toks, words, body } = doc;
  const found: Array<{ id: string; type: EntityType; name: string; keys: string[] }> = [];
  // A name over tokens [from, to), starting `offset` key characters into the first (after a proclitic).
  const push = (
    type: EntityType,
    from: number,
    to: number,
    offset: number,
    confidence: number,
    role?: [number, number],
  ) => {
    const s = src(doc, from, offset);
    const e = toks[to - 1]!.end;
    const surface = body.slice(s, e);
    const keys = words.slice(from, to);
    if (offset) keys[0] = keys[0]!.slice(offset);
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
      m.role = body.slice(role[0], role[1]);
    }
    out.push(m);
    found.push({ id: m.entityId, type, name: surface, keys });
  };
  let prevCue = false;
  for (let i = 0; i < toks.length; i++) {
    // Most words are neither a trigger nor right after one: skip them with one look-up.
    const here = doc.recs[i]!.cue;
    const after = prevCue;
    prevCue = here;
    if (covered[i] || !(here || after)) continue;
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
        // After a definite word, an indefinite one starts something else (وزارة الصحة | سلام جلالي).
        if (k > i + 1 && !x.startsWith('ال') && words[k - 1]!.startsWith('ال')) break;
        k++;
        // A nisba closes the name: شركة انرون الأمريكية | تعاملها.
        if (isNisba(x)) break;
      }
      // One definite word after the trigger is a description (حركة التمرد، شركة الطاقة); a name needs more.
      const definiteOnly = k === i + 2 && words[i + 1]!.startsWith('ال');
      if (k > i + 1 && !definiteOnly) {
        push('ORG', i, k, orgAt, CONFIDENCE.patternOrg);
        for (let q = i; q < k; q++) covered[q] = 1;
        i = k - 1;
        continue;
      }
    }
    if (!nameLike(doc, i, covered)) {
      // LOC: مدينة/منطقة + a name that may carry the article (مدينة الموصل) but is not an adjective.
      if (
        i > 0 &&
        triggerIn(words[i - 1]!, LOC_TRIGGERS_DEFINITE) >= 0 &&
        !covered[i] &&
        toks[i]!.kind === 'arabic'
      ) {
        if (w.startsWith('ال') && !isNisba(w) && !isStop(w) && w.length >= 4) {
          push('LOC', i, i + 1, 0, CONFIDENCE.patternLoc);
          covered[i] = 1;
        }
      }
      continue;
    }
    // منطقة is also "area" before a verb (منطقة تمتد، منطقة تقع): a short word opening like a present-tense
    // verb (ت ي ن ا + three letters) is not taken as a name after it.
    const areaVerb = w.length <= 4 && 'تينا'.includes(w[0]!) && triggerIn(words[i - 1] ?? '', AREA) >= 0;
    // An indefinite feminine adjective after مدينة/منطقة describes it (مدينة متطورة، منطقة مصرفية).
    const adjective = w.endsWith('يه') || (w[0] === 'م' && w.endsWith('ه'));
    if (i > 0 && triggerIn(words[i - 1]!, LOC_TRIGGERS) >= 0 && !areaVerb && !adjective) {
      // A second word only when the name then ends cleanly (كوانغ نغاي، | ...): otherwise it is likely a verb (منطقة تمتد).
      const next = words[i + 2];
      const clean = next === undefined || toks[i + 2]!.kind === 'punct' || isStop(next);
      const k = clean && nameLike(doc, i + 1, covered) ? i + 2 : i + 1;
      push('LOC', i, k, 0, CONFIDENCE.patternLoc);
      for (let q = i; q < k; q++) covered[q] = 1;
      i = k - 1;
      continue;
    }
    // No comma between title and an unknown name: "نظيره الروسي، وتعزيز" is a title then a new clause.
    const role = roleBefore(doc, i, false);
    if (role && personRoleOpensName(doc, i)) {
      let k = i + 1;
      while (k < toks.length && k - i < 3) {
        // An article word continues a name after a joiner (عبد العزيز) or as a family name (محمد المومني).
        const x = words[k]!;
        const family =
          x.startsWith('ال') &&
          x.length >= 4 &&
          !covered[k] &&
          toks[k]!.kind === 'arabic' &&
          !isStop(x) &&
          !isTitleWord(x) &&
          (NAME_JOINERS.has(words[k - 1]!) || !isNisba(x) || !NOT_FAMILY.has(x));
        if (!(nameLike(doc, k, covered) || family)) break;
        k++;
      }
      push('PERSON', i, k, 0, CONFIDENCE.patternPerson, role);
      for (let q = i; q < k; q++) covered[q] = 1;
      i = k - 1;
    }
  }
  if (found.length) repeatDiscovered(doc, covered, out, found);
}

/**
 * A name discovered once is the same name when it comes back without its trigger: the whole name again,
 * or a person's family name alone (موساليا مودافادي ... وأضاف مودافادي). Method 'coref', same derived id.
 */
function repeatDiscovered(
  doc: Doc,
  covered: Uint8Array,
  out: Mention[],
  found: Array<{ id: string; type: EntityType; name: string; keys: string[] }>,
): void {
  const { toks, words, body } = doc;
  const byFirst = new Map<string, Array<{ keys: string[]; f: (typeof found)[number] }>>();
  const add = (keys: string[], f: (typeof found)[number]) => {
    const list = byFirst.get(keys[0]!) ?? [];
    list.push({ keys, f });
    byFirst.set(keys[0]!, list);
  };
  for (const f of found) {
    // The trigger word of an organisation (وكالة، حزب) is part of its name: only the whole name repeats.
    add(f.keys, f);
    const last = f.keys[f.keys.length - 1]!;
    if (f.type === 'PERSON' && f.keys.length > 1 && last.length >= 3 && nameWord(last)) add([last], f);
  }
  for (let i = 0; i < toks.length; i++) {
    if (covered[i] || toks[i]!.kind !== 'arabic') continue;
    const w = words[i]!;
    // The word itself, or after one or two proclitic letters (ومودافادي، ولمودافادي): no article split.
    for (let offset = 0; offset <= 2 && offset < w.length - 1; offset++) {
      if (offset > 0 && !PROCLITIC_LETTERS.has(w[offset - 1]!)) break;
      const cands = byFirst.get(offset ? w.slice(offset) : w);
      if (!cands) continue;
      const r = { offset };
      // The longest repeat wins (the whole name over the family name alone).
      let best: { keys: string[]; f: (typeof found)[number] } | undefined;
      for (const c of cands) {
        let ok = i + c.keys.length <= toks.length;
        for (let q = 1; ok && q < c.keys.length; q++) ok = !covered[i + q] && words[i + q] === c.keys[q];
        if (ok && (!best || c.keys.length > best.keys.length)) best = c;
      }
      if (!best) continue;
      const start = src(doc, i, r.offset);
      const end = toks[i + best.keys.length - 1]!.end;
      out.push({
        entityId: best.f.id,
        type: best.f.type,
        surface: body.slice(start, end),
        canonicalAr: best.f.name,
        canonicalEn: '',
        start,
        end,
        method: 'coref',
        confidence: CONFIDENCE.patternRepeat,
      });
      for (let q = i; q < i + best.keys.length; q++) covered[q] = 1;
      i += best.keys.length - 1;
      break;
    }
  }
}

function addModelSpans(doc: Doc, model: EntityModel, out: Mention[]): void {
  const known = out.slice().sort((a, b) => a.start - b.start);
  const spans = model.predict(doc.body, tokenize(doc.body), known);
  if (!Array.isArray(spans))
    throw new Error('model.predict must return an array of {start, end, type, confidence}');
  // Characters already in a mention; a span touching one is dropped (linear, whatever the number of spans).
  const taken = new Uint8Array(doc.body.length);
  for (const m of known) taken.fill(1, m.start, m.end);
  const free = (s: number, e: number) => {
    for (let c = s; c < e; c++) if (taken[c]) return false;
    return true;
  };
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
    if (type !== 'PERSON' && type !== 'ORG' && type !== 'LOC') {
      throw new Error(`model span type "${String(type)}" is not PERSON, ORG or LOC`);
    }
    if (!free(start, end)) continue;
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
    taken.fill(1, start, end);
  }
}
