import { CONFIDENCE } from './confidence.js';
import { discover } from './discover.js';
import { type Candidate, type Doc, makeDoc, src } from './doc.js';
import type { PhraseIndex } from './index-build.js';
import { addModelSpans } from './model-spans.js';
import { honorificOnly, roleBefore } from './roles.js';
import type { EntityModel, Mention, MentionMethod } from './types.js';
import { isNisba, isTitleWord } from './words.js';

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
  const all = options.model ? addModelSpans(doc, options.model, mentions) : mentions;
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  return all;
}
