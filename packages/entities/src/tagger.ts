import { CONFIDENCE } from './confidence.js';
import { discover } from './discover.js';
import { type Candidate, type Doc, makeDoc, src, tokenEnd, wordKeyHashes } from './doc.js';
import type { PhraseIndex, TrieNode } from './index-build.js';
import { addModelSpans } from './model-spans.js';
import { honorificOnly, roleBefore } from './roles.js';
import type { Analysis, EntityModel, Mention, MentionMethod } from './types.js';
import { isNisba, isTitleWord } from './words.js';

/** Tokens where a phrase starts: token at[q] starts full[q] (alias or stop) and short[q] (short form). */
interface Found {
  at: number[];
  full: (Candidate | undefined)[];
  short: (Candidate | undefined)[];
}

/** Longest alias/stop candidate and longest short-form candidate starting at each token that starts one. */
function scan(doc: Doc): Found {
  const { recs, n } = doc;
  const found: Found = { at: [], full: [], short: [] };
  for (let i = 0; i < n; i++) {
    const { readings } = recs[i]!;
    // Most words start no phrase: their record says so without a look-up.
    if (readings.length === 0) continue;
    let full: Candidate | undefined;
    let short: Candidate | undefined;
    for (let k = 0; k < readings.length; k++) {
      const r = readings[k]!;
      let node: TrieNode | undefined = r.node;
      let j = i;
      while (node) {
        const f = r.article ? node.fullArticle : node.full;
        const s = r.article ? node.shortArticle : node.short;
        // Longer wins; at equal length the earlier reading (fewer clitics split off) wins.
        if (f && (!full || full.end < j + 1)) full = { end: j + 1, reading: r, patterns: f };
        if (s && (!short || short.end < j + 1)) short = { end: j + 1, reading: r, patterns: s };
        j++;
        if (j >= n) break;
        // A word with no id continues no phrase.
        const id = recs[j]!.id;
        if (id < 0) break;
        node = node.next?.get(id);
      }
    }
    if (full || short) {
      found.at.push(i);
      found.full.push(full);
      found.short.push(short);
    }
  }
  return found;
}

export interface TagOptions {
  model?: EntityModel;
}

/** Tags one body with a built index. Pure; linear in the body's length. */
export function tagWithIndex(index: PhraseIndex, body: string, options: TagOptions = {}): Mention[] {
  return tagDoc(index, docOf(index, body), options);
}

/** Mentions and word key hashes of one body from one tokenization (see Tagger.analyze). */
export function analyzeWithIndex(index: PhraseIndex, body: string, options: TagOptions = {}): Analysis {
  const doc = docOf(index, body);
  return { mentions: tagDoc(index, doc, options), wordHashes: wordKeyHashes(doc) };
}

function docOf(index: PhraseIndex, body: string): Doc {
  if (typeof body !== 'string') throw new TypeError('tag(body) expects the article body as a string');
  return makeDoc(index, body);
}

function tagDoc(index: PhraseIndex, doc: Doc, options: TagOptions): Mention[] {
  const { n, body } = doc;
  const { at, full, short } = scan(doc);
  const { entries } = index;

  // Entities named by an unambiguous alias anchor their short forms and settle shared aliases.
  const present = new Set<number>();
  for (const c of full) if (c && c.patterns.only >= 0) present.add(c.patterns.only);
  // Ids of the present entities, made when a shared alias first needs them (most documents have none).
  let presentIds: Set<string> | undefined;

  const mentions: Mention[] = [];
  const covered = new Uint8Array(n);
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
    if (c.reading.article && offset >= 3 && doc.recs[i]!.key.slice(offset - 2, offset) === 'ال') offset -= 2;
    const s = src(doc, i, offset);
    const en = tokenEnd(doc, c.end - 1);
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

  // Only tokens that start a phrase can start a mention: the loop visits those, skipping what a mention covers.
  for (let a = 0, i = 0; a < at.length; a++) {
    if (at[a]! < i) continue;
    i = at[a]!;
    const f = full[a];
    const sc = short[a];
    // Only a person or a short form needs its title.
    const role = (sc || f?.patterns.person) && i > 0 ? roleBefore(doc, i) : undefined;
    // Short forms count only for an entity anchored in this document, or after a title (الرئيس شي).
    let shortPick: { c: Candidate; entry: number; method: MentionMethod } | undefined;
    // A nisba right after a title is the title's adjective (الرئيس السوداني), never a short name (السوداني).
    if (
      sc &&
      (!f || sc.end > f.end) &&
      !(isNisba(doc.recs[i]!.key) && i > 0 && isTitleWord(doc.recs[i - 1]!.key))
    ) {
      // The entity named most recently wins a shared short form (وانغ after وانغ يي, then after وانغ ون بين).
      let best = -2;
      for (const p of sc.patterns.list) {
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
        !isNisba(doc.recs[i]!.key);
      if (titled) {
        const p = shortPick ?? {
          c: sc,
          entry: sc.patterns.list.find((q) => entries[q.entry]!.type === 'PERSON')?.entry ?? -1,
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
    if (!f) continue;
    if (f.patterns.stop) {
      i = f.end; // a false friend (مسقط رأسه، رياض الأطفال): nothing here
      continue;
    }
    let pick = f.patterns.list[0]!;
    let confidence: number = CONFIDENCE.alias;
    if (f.patterns.entries.length > 1) {
      // A shared alias (عمان): the entity named elsewhere in the document, or supported by its context ids, wins.
      let best = -1;
      presentIds ??= new Set([...present].map((e) => entries[e]!.id));
      const ids = presentIds;
      for (const p of f.patterns.list) {
        const e = entries[p.entry]!;
        const score = (ids.has(e.id) ? 2 : 0) + e.context.filter((id) => ids.has(id)).length;
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
  const all = options.model ? addModelSpans(doc, options.model, mentions) : mentions;
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  return all;
}
