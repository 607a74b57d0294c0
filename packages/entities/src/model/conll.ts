/**
 * Reader for one-token-per-line NER corpora (`token TAG`, blank line between sentences), the format of
 * ANERcorp and AQMAR. Tags are mapped onto one BIO scheme over PERS, LOC, ORG and MISC.
 */
export interface TaggedSentence {
  tokens: string[];
  tags: string[];
}

/**
 * Maps a corpus tag onto B-/I- over PERS/LOC/ORG/MISC, or 'O'. AQMAR writes PER and MIS0-3 and carries a
 * few typos (IO, OO, I--ORG, B-MIS1`); ANERcorp writes PERS and MISC.
 */
export function canonicalTag(raw: string): string {
  const t = raw.trim();
  const m = /^([BI])-+([A-Za-z]+)/.exec(t);
  if (!m) return 'O';
  const prefix = m[1]!;
  const cls = m[2]!.toUpperCase();
  if (cls === 'PER' || cls === 'PERS' || cls === 'PERSON') return `${prefix}-PERS`;
  if (cls === 'LOC') return `${prefix}-LOC`;
  if (cls === 'ORG') return `${prefix}-ORG`;
  return `${prefix}-MISC`;
}

/**
 * Parses a CoNLL-style corpus. The tag is the last whitespace-separated field; a line with one field is
 * skipped (it has no tag), so a stray header or a bare token never shifts the columns.
 */
export function parseConll(text: string): TaggedSentence[] {
  if (typeof text !== 'string') throw new TypeError('parseConll expects the corpus text as a string');
  const out: TaggedSentence[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  const flush = () => {
    if (tokens.length) out.push({ tokens, tags });
    tokens = [];
    tags = [];
  };
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed) {
      flush();
      continue;
    }
    const cut = trimmed.lastIndexOf(' ');
    const tab = trimmed.lastIndexOf('\t');
    const at = Math.max(cut, tab);
    if (at <= 0) continue;
    tokens.push(trimmed.slice(0, at).trim());
    tags.push(canonicalTag(trimmed.slice(at + 1)));
  }
  flush();
  return out;
}
