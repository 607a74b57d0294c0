import { isInvisible, isSpace } from '@akhbar/text';

/** A line of the source, trimmed of white space and invisible marks: `source.slice(start, end)`. */
export interface Line {
  start: number;
  end: number;
}

function isBlank(c: number): boolean {
  return isSpace(c) || isInvisible(c);
}

/** Trimmed span of source[start, end), or an empty span at `start` when it is blank. */
export function trimSpan(source: string, start: number, end: number): Line {
  while (start < end && isBlank(source.charCodeAt(start))) start++;
  while (end > start && isBlank(source.charCodeAt(end - 1))) end--;
  return { start, end };
}

/** Splits on LF, CRLF, CR, U+2028 and U+2029; returns the non-blank lines, trimmed, in order. */
export function splitLines(source: string, from = 0, to = source.length): Line[] {
  const out: Line[] = [];
  let lineStart = from;
  if (onlyLineFeeds(source, from, to)) {
    // The usual capture: indexOf finds each line feed natively instead of a test per code unit.
    for (;;) {
      let i = source.indexOf('\n', lineStart);
      if (i < 0 || i > to) i = to;
      const t = trimSpan(source, lineStart, i);
      if (t.end > t.start) out.push(t);
      if (i >= to) return out;
      lineStart = i + 1;
    }
  }
  for (let i = from; i <= to; i++) {
    const c = i < to ? source.charCodeAt(i) : 10;
    if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) {
      const t = trimSpan(source, lineStart, i);
      if (t.end > t.start) out.push(t);
      if (c === 13 && i + 1 < to && source.charCodeAt(i + 1) === 10) i++;
      lineStart = i + 1;
    }
  }
  return out;
}

/** No CR, U+2028 or U+2029 in source[from, to): LF alone ends lines. */
function onlyLineFeeds(source: string, from: number, to: number): boolean {
  for (const c of ['\r', '\u2028', '\u2029']) {
    const i = source.indexOf(c, from);
    if (i >= 0 && i < to) return false;
  }
  return true;
}
