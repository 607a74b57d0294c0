import { CONFIDENCE } from './confidence.js';
import { type Doc, src, testsOf, tokenEnd } from './doc.js';
import { derivedId } from './ids.js';
import { NAME_JOINERS, ORG_TRIGGERS, PERSON_TITLES } from './lexicon.js';
import { personRoleOpensName, roleBefore } from './roles.js';
import type { EntityType, Mention } from './types.js';
import { isNisba, isTitleWord, NOT_FAMILY, nameWord } from './words.js';

// Proclitic letters other than the article (و ف ب ل ك).
const PROCLITIC_LETTERS = new Set(['و', 'ف', 'ب', 'ل', 'ك']);

function nameLike(doc: Doc, k: number, covered: Uint8Array): boolean {
  const rec = doc.recs[k];
  if (rec === undefined || covered[k] || rec.kind !== 'arabic') return false;
  return testsOf(rec).nameWord;
}

/** Names introduced by a title or a trigger word but missing from the gazetteer (method 'pattern'). */
export function discover(doc: Doc, covered: Uint8Array, out: Mention[]): void {
  const { recs, body, n } = doc;
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
    const e = tokenEnd(doc, to - 1);
    const surface = body.slice(s, e);
    const keys = recs.slice(from, to).map((r) => r.key);
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
  for (let i = 0; i < n; i++) {
    // Most words are neither a trigger nor right after one: skip them with one look-up.
    const here = recs[i]!.cue;
    const after = prevCue;
    prevCue = here;
    if (covered[i] || !(here || after)) continue;
    const w = recs[i]!.key;
    // ORG: منظمة/وكالة/حزب + up to three words (articles and nisbas allowed: حزب العمال، حركة الجهاد الإسلامي).
    const orgAt = testsOf(recs[i]!).org;
    if (orgAt >= 0 && recs[i]!.kind === 'arabic') {
      let k = i + 1;
      while (k < n && k - i <= 3) {
        const x = recs[k]!.key;
        if (
          covered[k] ||
          recs[k]!.kind !== 'arabic' ||
          testsOf(recs[k]!).stop ||
          ORG_TRIGGERS.has(x) ||
          PERSON_TITLES.has(x)
        )
          break;
        // An indefinite adjective right after the trigger (شركة كبيرة) is a description, not a name.
        if (k === i + 1 && !x.startsWith('ال') && x.endsWith('ه')) break;
        // After a definite word, an indefinite one starts something else (وزارة الصحة | سلام جلالي).
        if (k > i + 1 && !x.startsWith('ال') && recs[k - 1]!.key.startsWith('ال')) break;
        k++;
        // A nisba closes the name: شركة انرون الأمريكية | تعاملها.
        if (isNisba(x)) break;
      }
      // One definite word after the trigger is a description (حركة التمرد، شركة الطاقة); a name needs more.
      const definiteOnly = k === i + 2 && recs[i + 1]!.key.startsWith('ال');
      if (k > i + 1 && !definiteOnly) {
        push('ORG', i, k, orgAt, CONFIDENCE.patternOrg);
        for (let q = i; q < k; q++) covered[q] = 1;
        i = k - 1;
        continue;
      }
    }
    if (!nameLike(doc, i, covered)) {
      // LOC: مدينة/منطقة + a name that may carry the article (مدينة الموصل) but is not an adjective.
      if (i > 0 && testsOf(recs[i - 1]!).locDefinite >= 0 && !covered[i] && recs[i]!.kind === 'arabic') {
        if (w.startsWith('ال') && !isNisba(w) && !testsOf(recs[i]!).stop && w.length >= 4) {
          push('LOC', i, i + 1, 0, CONFIDENCE.patternLoc);
          covered[i] = 1;
        }
      }
      continue;
    }
    // منطقة is also "area" before a verb (منطقة تمتد، منطقة تقع): a short word opening like a present-tense
    // verb (ت ي ن ا + three letters) is not taken as a name after it.
    const areaVerb = w.length <= 4 && 'تينا'.includes(w[0]!) && i > 0 && testsOf(recs[i - 1]!).area >= 0;
    // An indefinite feminine adjective after مدينة/منطقة describes it (مدينة متطورة، منطقة مصرفية).
    const adjective = w.endsWith('يه') || (w[0] === 'م' && w.endsWith('ه'));
    if (i > 0 && testsOf(recs[i - 1]!).loc >= 0 && !areaVerb && !adjective) {
      // A second word only when the name then ends cleanly (كوانغ نغاي، | ...): otherwise it is likely a verb (منطقة تمتد).
      const next = recs[i + 2];
      const clean = next === undefined || next.kind === 'punct' || testsOf(next).stop;
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
      while (k < n && k - i < 3) {
        // An article word continues a name after a joiner (عبد العزيز) or as a family name (محمد المومني).
        const x = recs[k]!.key;
        const family =
          x.startsWith('ال') &&
          x.length >= 4 &&
          !covered[k] &&
          recs[k]!.kind === 'arabic' &&
          !testsOf(recs[k]!).stop &&
          !isTitleWord(x) &&
          (NAME_JOINERS.has(recs[k - 1]!.key) || !isNisba(x) || !NOT_FAMILY.has(x));
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
  // A repeat ends with the last letter of a name's first word and has its length (proclitics only add letters
  // in front): testing those two first spares most words a substring and a look-up (speed). Marks in typed
  // arrays rather than Sets: this test runs on every token of a body with a discovered name, and a Set
  // look-up per token was a sixth of tagging on news with many unlisted names.
  // The first letter too, at the word's start or after its proclitics: most words after a proclitic
  // then fail before a substring is made and hashed for the look-up.
  let longest = 0;
  for (const k of byFirst.keys()) {
    LAST_UNITS[k.charCodeAt(k.length - 1)] = 1;
    FIRST_UNITS[k.charCodeAt(0)] = 1;
    longest = Math.max(longest, k.length);
  }
  const lengths = new Uint8Array(longest + 1);
  for (const k of byFirst.keys()) lengths[k.length] = 1;
  try {
    repeatTokens(doc, covered, out, byFirst, lengths);
  } finally {
    for (const k of byFirst.keys()) {
      LAST_UNITS[k.charCodeAt(k.length - 1)] = 0;
      FIRST_UNITS[k.charCodeAt(0)] = 0;
    }
  }
}

/** Marks of the last and first code units of the names being repeated (module-level, cleared after each use). */
const LAST_UNITS = new Uint8Array(0x10000);
const FIRST_UNITS = new Uint8Array(0x10000);
/** The proclitic letters (و ف ب ل ك) by code unit: `w[i]` of an Arabic letter would make a string. */
const PROCLITIC_UNITS = new Uint8Array(0x10000);
for (const letter of PROCLITIC_LETTERS) PROCLITIC_UNITS[letter.charCodeAt(0)] = 1;

function repeatTokens(
  doc: Doc,
  covered: Uint8Array,
  out: Mention[],
  byFirst: Map<string, Array<{ keys: string[]; f: { id: string; type: EntityType; name: string } }>>,
  lengths: Uint8Array,
): void {
  const { recs, body, n } = doc;
  for (let i = 0; i < n; i++) {
    if (covered[i] || recs[i]!.kind !== 'arabic') continue;
    const w = recs[i]!.key;
    if (LAST_UNITS[w.charCodeAt(w.length - 1)] !== 1) continue;
    // The word itself, or after one or two proclitic letters (ومودافادي، ولمودافادي): no article split.
    for (let offset = 0; offset <= 2 && offset < w.length - 1; offset++) {
      if (offset > 0 && PROCLITIC_UNITS[w.charCodeAt(offset - 1)] !== 1) break;
      if (lengths[w.length - offset] !== 1 || FIRST_UNITS[w.charCodeAt(offset)] !== 1) continue;
      const cands = byFirst.get(offset ? w.slice(offset) : w);
      if (!cands) continue;
      const r = { offset };
      // The longest repeat wins (the whole name over the family name alone).
      let best: (typeof cands)[number] | undefined;
      for (const c of cands) {
        let ok = i + c.keys.length <= n;
        for (let q = 1; ok && q < c.keys.length; q++) ok = !covered[i + q] && recs[i + q]?.key === c.keys[q];
        if (ok && (!best || c.keys.length > best.keys.length)) best = c;
      }
      if (!best) continue;
      const start = src(doc, i, r.offset);
      const end = tokenEnd(doc, i + best.keys.length - 1);
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
