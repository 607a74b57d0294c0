import type { Segment } from './classify.js';
import { findFlatHeadings } from './subheadings.js';
import type { Block } from './types.js';

export interface Assembled {
  body: string;
  blocks: Block[];
  warnings: string[];
}

/** Joins the kept paragraphs with blank lines and records each as a block (flattened subheadings split out). */
export function assembleBody(source: string, kept: Segment[]): Assembled {
  const parts: string[] = [];
  const blocks: Block[] = [];
  const warnings: string[] = [];
  let at = 0;
  for (const s of kept) {
    if (parts.length > 0) at += 2;
    const text = source.slice(s.start, s.end);
    parts.push(text);
    const kind = s.kind ?? 'p';
    const flat = kind === 'p' && text.length > 300 ? findFlatHeadings(text, at) : [];
    let from = at;
    for (const h of flat) {
      if (h.start > from) blocks.push({ start: from, end: trimEnd(text, at, h.start), kind: 'p' });
      blocks.push({ start: h.start, end: h.end, kind: 'heading' });
      warnings.push(`flattened subheading kept in the body at [${h.start}, ${h.end}): ${h.text}`);
      from = h.end + 1;
    }
    blocks.push({ start: from, end: at + text.length, kind });
    at += text.length;
  }
  return { body: parts.join('\n\n'), blocks, warnings };
}

/** End of a block that stops before `end`, without the white space before it. */
function trimEnd(text: string, offset: number, end: number): number {
  while (end > offset && /\s/.test(text[end - offset - 1]!)) end--;
  return end;
}
