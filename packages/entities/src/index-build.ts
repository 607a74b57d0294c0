import { normalizeKey, tokenize } from '@akhbar/text';
import { WordCache } from './doc.js';
import type { GazetteerEntry } from './types.js';

/** How a phrase in the index was entered. */
export type PatternKind = 'alias' | 'short' | 'stop';

export interface Pattern {
  /** Index into PhraseIndex.entries; -1 for a stop phrase. */
  entry: number;
  kind: PatternKind;
  /** True when the phrase is an alias with its article removed (صين from الصين): it then needs a proclitic article (بالصين، للصين). */
  article: boolean;
  /** True when the phrase is the entity's canonical Arabic name. */
  canonical: boolean;
  /** Number of tokens in the phrase. */
  tokens: number;
}

/**
 * The patterns of one phrase slot with what the tagger asks of them, worked out once when the index is built
 * (not per mention): which entities they name, whether one is a stop phrase or a person.
 */
export interface PatternSet {
  list: Pattern[];
  /** The distinct entries, in order of first appearance. */
  entries: number[];
  /** The one entity named when every pattern names the same entity (never a stop phrase); -1 otherwise. */
  only: number;
  stop: boolean;
  person: boolean;
}

/** A node of the token trie: the patterns ending here, split by kind and article so scanning allocates nothing. */
export interface TrieNode {
  /** The nodes one word on, by the word's id in PhraseIndex.wordIds. */
  next?: Map<number, TrieNode>;
  /** Aliases and stop phrases, as written / with the article removed (needing a proclitic article). */
  full?: PatternSet;
  fullArticle?: PatternSet;
  short?: PatternSet;
  shortArticle?: PatternSet;
}

/**
 * The gazetteer as a trie over normalized tokens: each alias is tokenized and normalized, and matching walks
 * the body's tokens down the trie, so the cost per token is a hash look-up or two whatever the gazetteer's
 * size, with word boundaries given by the tokens (an automaton over characters visits every character and
 * still needs boundary, clitic and longest-match logic afterwards; see bench/gazetteer.ts).
 * `phrases` keys the same patterns by their space-joined key, for look-ups.
 */
export interface PhraseIndex {
  entries: GazetteerEntry[];
  phrases: Map<string, Pattern[]>;
  /** The phrases as a trie over tokens: matching walks it without building strings. */
  root: Map<string, TrieNode>;
  /**
   * An id for each word that continues a phrase (its second word on): the levels below the root are keyed
   * by these numbers, kept on the body's word records, and a word without one ends a match at once (speed).
   */
  wordIds: Map<string, number>;
  /** Per distinct word seen so far: its key, readings and discovery cue (filled and read by the tagger). */
  wordCache: WordCache;
}

/** The match key of a phrase: its normalized tokens joined by single spaces. */
export function phraseKey(s: string): string {
  return tokenize(normalizeKey(s))
    .map((t) => t.text)
    .join(' ');
}

function add(index: PhraseIndex, key: string, p: Omit<Pattern, 'tokens'>): void {
  const parts = key.split(' ');
  const pattern: Pattern = { ...p, tokens: parts.length };
  const list = index.phrases.get(key);
  if (list) {
    if (list.some((q) => q.entry === p.entry && q.kind === p.kind && q.article === p.article)) return;
    list.push(pattern);
  } else index.phrases.set(key, [pattern]);
  let node = index.root.get(parts[0]!);
  if (!node) {
    node = {};
    index.root.set(parts[0]!, node);
  }
  for (let k = 1; k < parts.length; k++) {
    // Only a node with a longer phrase after it has a next level: matching stops at leaves without a look-up.
    node.next ??= new Map();
    let id = index.wordIds.get(parts[k]!);
    if (id === undefined) {
      id = index.wordIds.size;
      index.wordIds.set(parts[k]!, id);
    }
    let child = node.next.get(id);
    if (!child) {
      child = {};
      node.next.set(id, child);
    }
    node = child;
  }
  const slot =
    p.kind === 'short' ? (p.article ? 'shortArticle' : 'short') : p.article ? 'fullArticle' : 'full';
  const target = node![slot];
  if (target) target.list.push(pattern);
  else node![slot] = { list: [pattern], entries: [], only: -1, stop: false, person: false };
}

/** Fills in what each pattern set of the trie says, once its lists are complete. */
function summarize(entries: GazetteerEntry[], level: Map<unknown, TrieNode>): void {
  for (const node of level.values()) {
    for (const set of [node.full, node.fullArticle, node.short, node.shortArticle]) {
      if (!set) continue;
      set.entries = [...new Set(set.list.map((p) => p.entry))];
      set.only = set.entries.length === 1 && set.entries[0] !== -1 ? set.entries[0]! : -1;
      set.stop = set.list.some((p) => p.kind === 'stop');
      set.person = set.list.some((p) => p.entry >= 0 && entries[p.entry]!.type === 'PERSON');
    }
    if (node.next) summarize(entries, node.next);
  }
}

function addWithArticleVariant(
  index: PhraseIndex,
  key: string,
  p: Omit<Pattern, 'tokens' | 'article'>,
): void {
  // One Arabic letter is too ambiguous to be a name on its own (a stray و or ب would match).
  if (key.length < 2) return;
  add(index, key, { ...p, article: false });
  // الصين is also written بالصين, للصين, والصين: index the article-less stem, usable only after a proclitic article.
  if (key.startsWith('ال') && key.length >= 4 && key[2] !== ' ')
    add(index, key.slice(2), { ...p, article: true });
}

/** Builds the phrase index of entries (already merged by id) and stop phrases. */
export function buildIndex(entries: GazetteerEntry[], stopPhrases: readonly string[]): PhraseIndex {
  const index: PhraseIndex = {
    entries,
    phrases: new Map(),
    wordCache: new WordCache(),
    root: new Map(),
    wordIds: new Map(),
  };
  entries.forEach((e, i) => {
    const canonical = phraseKey(e.canonicalAr);
    // A name listed as a short form needs an anchor even when it is the canonical name (مالي: Mali or "financial").
    const shortKeys = new Set(e.shortForms.map(phraseKey));
    for (const a of [e.canonicalAr, ...e.aliases]) {
      const key = phraseKey(a);
      if (shortKeys.has(key)) continue;
      addWithArticleVariant(index, key, { entry: i, kind: 'alias', canonical: key === canonical });
    }
    for (const s of e.shortForms) {
      addWithArticleVariant(index, phraseKey(s), { entry: i, kind: 'short', canonical: false });
    }
  });
  for (const s of stopPhrases)
    addWithArticleVariant(index, phraseKey(s), { entry: -1, kind: 'stop', canonical: false });
  summarize(entries, index.root);
  return index;
}
