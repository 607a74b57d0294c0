import type { WordHandle } from './features.js';
import { hashString, mix } from './hash.js';
import { N_TAGS } from './perceptron.js';

/**
 * Non-local features for the second stage (after Krishnan and Manning 2006): how the first stage tagged the
 * same word stem elsewhere in the document. A name the first stage found once, after a title, is then
 * recognised where it recurs bare, and a word tagged as a name once but left out ten times is doubted.
 * The second stage is a full model: the local features plus these, trained on first-stage tags from
 * models that had not seen the sentence.
 */

/** First-stage tag counts (N_TAGS per stem) over a document. */
export type TagCounts = Map<string, Int32Array>;

const T = Object.fromEntries(
  ['nl', 'nlp', 'nln', 'nlt'].map((n) => [n, hashString(`template2:${n}`)]),
) as Record<string, number>;

const counted = (w: WordHandle) => w.stem.length >= 2;

/** Counts the first-stage tags of every word stem over the sentences of one document. */
export function tagCounts(
  sentences: ReadonlyArray<{ words: readonly WordHandle[]; tags: ArrayLike<number> }>,
): TagCounts {
  const out: TagCounts = new Map();
  for (const { words, tags } of sentences) {
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (!counted(w)) continue;
      let c = out.get(w.stem);
      if (!c) {
        c = new Int32Array(N_TAGS);
        out.set(w.stem, c);
      }
      c[tags[i]!]!++;
    }
  }
  return out;
}

const classOf = (tag: number) => (tag + 1) >> 1; // 0 O, 1 PERS, 2 LOC, 3 ORG, 4 MISC

/**
 * What the other occurrences of a stem say, as one small code: 0 when there are none; otherwise the
 * majority name class among them (0 when all are O) and how many of them are names (none, under half,
 * half or more, all). Also the most frequent tag among them.
 */
function summary(c: Int32Array | undefined, own: number): { code: number; tag: number } {
  if (!c) return { code: 0, tag: -1 };
  const cls = [0, 0, 0, 0, 0];
  let total = 0;
  let best = -1;
  let bestN = 0;
  for (let t = 0; t < N_TAGS; t++) {
    const n = c[t]! - (t === own ? 1 : 0);
    if (n <= 0) continue;
    total += n;
    cls[classOf(t)]! += n;
    if (n > bestN) {
      bestN = n;
      best = t;
    }
  }
  if (!total) return { code: 0, tag: -1 };
  let maj = 0;
  for (let k = 1; k < 5; k++) if (cls[k]! > (maj ? cls[maj]! : 0)) maj = k;
  const names = total - cls[0]!;
  const bucket = names === 0 ? 0 : names * 2 < total ? 1 : names < total ? 2 : 3;
  return { code: 1 + maj * 4 + bucket, tag: best };
}

/**
 * Second-stage features of every token of one sentence (hashes, CSR offsets): what the other occurrences
 * of its stem and of its neighbours' stems were tagged in the document. `tags` are the sentence's own
 * first-stage tags, left out of the counts (which include this sentence).
 */
export function nonLocalFeatures(
  words: readonly WordHandle[],
  tags: ArrayLike<number>,
  counts: TagCounts,
): { offsets: Int32Array; feats: Uint32Array } {
  const n = words.length;
  const codes = new Int32Array(n);
  const best = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    const s = counted(w) ? summary(counts.get(w.stem), tags[i]!) : { code: 0, tag: -1 };
    codes[i] = s.code;
    best[i] = s.tag;
  }
  const offsets = new Int32Array(n + 1);
  const f: number[] = [];
  for (let i = 0; i < n; i++) {
    // Only document evidence: conjunctions with the token's own first-stage tag (stacking) did not help
    // on held-out sentences.
    const cp = i > 0 ? codes[i - 1]! : 99;
    const cn = i + 1 < n ? codes[i + 1]! : 99;
    f.push(mix(T.nl!, codes[i]!), mix(T.nlp!, cp), mix(T.nln!, cn), mix(T.nlt!, best[i]! + 1));
    offsets[i + 1] = f.length;
  }
  return { offsets, feats: Uint32Array.from(f) };
}
