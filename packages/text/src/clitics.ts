/**
 * Proclitic analysis for Arabic words in normalized form (see normalize()). A word such as ولافروف,
 * بالصين or للأمم has several readings (the و of وانغ is part of the name), so this returns every
 * admissible split and leaves the choice to the caller, which knows its lexicon.
 *
 * Admissible proclitic sequences, in order: an optional conjunction (و ف), an optional preposition
 * (ب ل ك), an optional article (ال). ل + ال is written لل. The future marker س is left out:
 * it attaches to verbs, never to names.
 */
export interface CliticSplit {
  /** The proclitics as written, e.g. 'وال' or 'لل'; '' for the unsplit word. */
  prefix: string;
  /** The remaining stem, e.g. 'صين'. */
  stem: string;
  /** Offset of the stem in the word (prefix.length). */
  offset: number;
  /** True when the prefix includes the definite article (ال or the ل of لل). */
  article: boolean;
}

const CONJ = ['و', 'ف'];
const PREP = ['ب', 'ل', 'ك'];

// Every admissible prefix with its article flag, longest first, built once.
const PREFIXES: ReadonlyArray<{ prefix: string; article: boolean }> = (() => {
  const set = new Map<string, boolean>();
  for (const c of ['', ...CONJ]) {
    for (const p of ['', ...PREP]) {
      for (const a of ['', 'ال']) {
        let prefix = c + p + a;
        if (p === 'ل' && a === 'ال') prefix = `${c}لل`;
        if (prefix) set.set(prefix, a !== '');
      }
    }
  }
  return [...set.entries()]
    .map(([prefix, article]) => ({ prefix, article }))
    .sort((x, y) => y.prefix.length - x.prefix.length || x.prefix.localeCompare(y.prefix));
})();

/** Every admissible proclitic prefix (و، ف، ب، ل، ك، ال، وال، بال، فال، لل، ولل، وب، ول ...). */
export const PROCLITICS: ReadonlyArray<string> = PREFIXES.map((p) => p.prefix);

/**
 * Every reading of `word` as proclitics + stem, the unsplit word first, then by growing prefix length.
 * A stem must keep at least `minStem` characters (default 2).
 */
export function procliticSplits(word: string, minStem = 2): CliticSplit[] {
  const out: CliticSplit[] = [{ prefix: '', stem: word, offset: 0, article: false }];
  for (let i = PREFIXES.length - 1; i >= 0; i--) {
    const { prefix, article } = PREFIXES[i]!;
    if (word.length - prefix.length >= minStem && word.startsWith(prefix)) {
      out.push({ prefix, stem: word.slice(prefix.length), offset: prefix.length, article });
    }
  }
  return out;
}

/** True when `prefix` is an admissible proclitic sequence. */
export function isProclitic(prefix: string): boolean {
  return PROCLITICS.includes(prefix);
}
