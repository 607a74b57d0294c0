import { type Token, tokenize } from '@akhbar/text';
import type { TaggedSentence } from './conll.js';
import type { GazetteerSpan } from './types.js';
import { TYPE_TO_CLASS } from './types.js';

/**
 * A corpus sentence rebuilt as running text (tokens joined by one space) and re-tokenized with the
 * project tokenizer, so that training sees exactly the tokens `predict` will see on real text: ANERcorp
 * writes `(د` and `أ)` as single tokens, the tokenizer splits the bracket off.
 */
export interface AlignedSentence {
  text: string;
  tokens: Token[];
  /** BIO tag of each project token. */
  tags: string[];
  /** Span of each corpus token in `text`. */
  spans: Array<[number, number]>;
}

const isWord = (t: Token) => t.kind === 'arabic' || t.kind === 'latin' || t.kind === 'number';

/**
 * Aligns a tagged corpus sentence with project tokens. Within a corpus token, the word tokens from the
 * first to the last carry its tag (the first its B-/I-, the rest I-); brackets and quotes around them get O.
 */
export function alignSentence(s: TaggedSentence): AlignedSentence {
  const spans: Array<[number, number]> = [];
  let text = '';
  for (const tok of s.tokens) {
    if (text) text += ' ';
    spans.push([text.length, text.length + tok.length]);
    text += tok;
  }
  const tokens = tokenize(text);
  const tags = tokens.map(() => 'O');
  let j = 0;
  for (let k = 0; k < spans.length; k++) {
    const [a, b] = spans[k]!;
    const tag = s.tags[k] ?? 'O';
    while (j < tokens.length && tokens[j]!.end <= a) j++;
    const inside: number[] = [];
    for (let m = j; m < tokens.length && tokens[m]!.start < b; m++) inside.push(m);
    if (tag === 'O') continue;
    const words = inside.filter((m) => isWord(tokens[m]!));
    if (!words.length) continue;
    const first = words[0]!;
    const last = words[words.length - 1]!;
    for (let m = first; m <= last; m++) tags[m] = m === first ? tag : `I-${tag.slice(2)}`;
  }
  return { text, tokens, tags, spans };
}

/**
 * Per-token gazetteer tags ('B-LOC', 'I-PERS', '') from spans: a token gets a tag when the span covers part
 * of it. Pattern mentions (names guessed from a trigger) are marked with a trailing '~'.
 */
export function gazetteerTags(
  tokens: readonly Token[],
  spans: readonly GazetteerSpan[] | undefined,
): string[] {
  const out = tokens.map(() => '');
  if (!spans?.length) return out;
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end);
  let j = 0;
  for (const sp of sorted) {
    const cls = TYPE_TO_CLASS[sp.type];
    if (!cls) continue;
    while (j < tokens.length && tokens[j]!.end <= sp.start) j++;
    let first = true;
    for (let m = j; m < tokens.length && tokens[m]!.start < sp.end; m++) {
      if (out[m]) continue;
      out[m] = `${first ? 'B' : 'I'}-${cls}${sp.method === 'pattern' ? '~' : ''}`;
      first = false;
    }
  }
  return out;
}

/**
 * Corpus-token BIO tags from character spans (any tokenization): a corpus token belongs to a span when they
 * overlap, so a span that leaves out a proclitic (لافروف in ولافروف) still marks the whole corpus token.
 */
export function spansToTokenTags(
  spans: ReadonlyArray<{ start: number; end: number; type: string }>,
  tokenSpans: ReadonlyArray<readonly [number, number]>,
): string[] {
  const out = tokenSpans.map(() => 'O');
  const sorted = [...spans].sort((x, y) => x.start - y.start || y.end - x.end);
  for (const sp of sorted) {
    let first = true;
    for (let k = 0; k < tokenSpans.length; k++) {
      const [a, b] = tokenSpans[k]!;
      if (b <= sp.start || a >= sp.end) continue;
      if (out[k] !== 'O') {
        first = false;
        continue;
      }
      out[k] = `${first ? 'B' : 'I'}-${sp.type}`;
      first = false;
    }
  }
  return out;
}

/**
 * Joins consecutive corpus sentences into one running text, one sentence per line, the way an article
 * reaches the tagger; `offsets[k]` is where sentence k starts in `text`.
 */
export function joinSentences(sentences: readonly AlignedSentence[]): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  for (const s of sentences) {
    if (offsets.length) text += '\n';
    offsets.push(text.length);
    text += s.text;
  }
  return { text, offsets };
}

/**
 * Scores any tagger over a corpus read as running text: sentences are grouped into blocks of `block`
 * (corpus order, so a block reads like part of an article), tagged, and the spans mapped back to corpus
 * tokens. Calls `onSentence(gold, predicted)` with corpus-token BIO tags for each sentence.
 */
export function tagCorpus(
  corpus: ReadonlyArray<{ tokens: string[]; tags: string[] }>,
  tag: (text: string) => ReadonlyArray<{ start: number; end: number; type: string }>,
  onSentence: (gold: string[], predicted: string[]) => void,
  block = 20,
): void {
  for (let k = 0; k < corpus.length; k += block) {
    const group = corpus.slice(k, k + block);
    const aligned = group.map(alignSentence);
    const { text, offsets } = joinSentences(aligned);
    const spans = tag(text);
    aligned.forEach((a, j) => {
      const off = offsets[j]!;
      const tokenSpans = a.spans.map(([s, e]) => [s + off, e + off] as const);
      const mine = spans.filter((sp) => sp.start < off + a.text.length && sp.end > off);
      onSentence(group[j]!.tags, spansToTokenTags(mine, tokenSpans));
    });
  }
}
