import { load } from 'cheerio/slim';
import { parseDocument } from 'htmlparser2';
import { assembleBody } from './assemble.js';
import { decodeHtml } from './charset.js';
import { applyTextRules, type Segment } from './classify.js';
import { isProse, selectContent } from './html/content.js';
import type { DomNode } from './html/dom.js';
import { type DropFrame, type TextBlock, twitterTitleOf, walk } from './html/walk.js';
import { ruleKey } from './lexicon.js';
import { classifyLine } from './rules.js';
import type { Removal, RemovalKind, StripHtmlOptions, StripResult, TitleCandidate } from './types.js';

const MAX_RULE_LINE = 1200;
const MAX_OUTSIDE_META = 8;

/**
 * Extracts the article from an HTML page. `source` is the page's visible text: every text block the
 * walk met (paragraphs, headings, list items, table cells, text cut at <br>), in document order, one
 * block per line with a blank line between blocks; script, style, head and form controls are not in
 * it. `body` is the article's blocks; every other block is in `removed` with the rule that took it
 * out and its span in `source`.
 */
export function stripHtml(input: string | Uint8Array, options: StripHtmlOptions = {}): StripResult {
  const warnings: string[] = [];
  let html: string;
  if (typeof input === 'string') {
    html = input;
  } else if (input instanceof Uint8Array) {
    const decoded = decodeHtml(input, options.contentType);
    html = decoded.text;
    warnings.push(...decoded.warnings);
  } else {
    throw new TypeError('stripHtml expects the page as a string or as bytes (Uint8Array/Buffer)');
  }
  checkNotBinary(html);
  // htmlparser2 builds the tree (parse5, cheerio's default, is several times slower); cheerio wraps the
  // parsed document as it is. Calling parseDocument directly skips cheerio's option handling, which
  // measured 40% slower on the benchmark pages for the same tree.
  const $ = load(parseDocument(withoutScripts(html), { decodeEntities: true }));
  const root = $.root()[0] as unknown as DomNode;
  const walked = walk(root);
  warnings.push(...walked.warnings);
  const { blocks, meta } = walked;
  if (options.url && meta.canonicalUrl) meta.canonicalUrl = absolute(meta.canonicalUrl, options.url);

  cancelDropsHoldingTheArticle(blocks);
  const effective = blocks.map((b) => liveDrop(b.drop));
  const selection = selectContent(blocks, (b) => liveDrop(b.drop) === null);

  // The source: every block, one per line, blank lines between.
  const spans: Segment[] = [];
  let at = 0;
  for (const b of blocks) {
    spans.push({ start: at, end: at + b.text.length, kind: b.kind, block: spans.length });
    at += b.text.length + 2;
  }
  const source = blocks.map((b) => b.text).join('\n\n');

  // The page's h1: the first one outside dropped containers, else the first at all.
  const h1 = blocks
    .filter((b, i) => b.heading === 1 && !effective[i])
    .concat(blocks.filter((b) => b.heading === 1));
  const titles = titleCandidates(meta, h1.length > 0 ? [h1[0]!.text] : [], twitterTitleOf(meta));
  const titleKeys = new Set(titles.map((t) => ruleKey(t.text)));
  const ctx = { arabicDoc: false };
  const structural: Array<Removal & { index: number }> = [];
  const metaLines = meta.metaLines;
  const candidates: Segment[] = [];
  let titleTaken = false;
  let firstInside = blocks.length;
  for (const i of selection.inside) firstInside = Math.min(firstInside, i);
  blocks.forEach((b, i) => {
    const span = spans[i]!;
    let rule: string | undefined;
    let kind: RemovalKind | undefined;
    const drop = effective[i];
    if (drop) {
      rule = drop.reason.rule;
      kind = drop.reason.kind;
    } else if (b.heading === 1 && !titleTaken) {
      rule = 'html-h1';
      kind = 'title';
      titleTaken = true;
    } else if (!selection.inside.has(i)) {
      rule = 'html-outside-main';
      kind = 'furniture';
    } else if (b.heading > 0 && !titleTaken && (b.heading === 1 || titleKeys.has(ruleKey(b.text)))) {
      rule = b.heading === 1 ? 'html-h1' : 'html-title-repeat';
      kind = 'title';
      titleTaken = true;
    } else if (b.text.length < 400 && b.linkLength / b.text.length > 0.7) {
      rule = b.kind === 'list' ? 'html-link-list' : 'html-link-dense';
      kind = b.kind === 'list' ? 'related' : 'navigation';
    }
    if (rule === undefined || kind === undefined) {
      candidates.push(span);
      return;
    }
    // Outside the article, a text rule that names the line says more than 'outside-main', and a date
    // or source line above the article is still metadata for page.metaLines. Inside dropped
    // containers only lines with a digit are looked at (dates), to keep the cost of long menus down.
    if (b.text.length <= 120 && kind !== 'title' && (rule === 'html-outside-main' || /\d/.test(b.text))) {
      const v = classifyLine(b.text, ruleKey(b.text), ctx);
      if (v) {
        rule = v.rule;
        kind = v.kind;
        // Only lines above the article are its metadata (its date, its source); the dates after it
        // belong to teasers and lists of other articles.
        if (v.meta !== undefined && i < firstInside && metaLines.length < MAX_OUTSIDE_META)
          metaLines.push({ rule: v.rule, text: v.meta });
      }
    }
    structural.push({ rule, kind, text: b.text, start: span.start, end: span.end, index: i });
  });

  const outcome = applyTextRules(source, candidates, { headline: false, maxRuleLineLength: MAX_RULE_LINE });
  metaLines.push(...outcome.metaLines);
  const removed = mergeRuns(structural, source)
    .concat(outcome.removed)
    .sort((a, b) => a.start - b.start);
  const { body, blocks: bodyBlocks, warnings: bodyWarnings } = assembleBody(source, outcome.kept);
  warnings.push(...bodyWarnings);
  if (body.length === 0) warnings.push('no article text found in the page');
  return { body, source, removed, titleCandidates: titles, page: meta, blocks: bodyBlocks, warnings };
}

/**
 * Empties <script>, <style>, <svg>, <noscript>, <template>, <select>, <iframe>, <math>, <canvas>,
 * <video>, <audio> and <object> elements (keeping JSON-LD) and drops comments before parsing. News pages carry more script and inline icons than text, and a native
 * regex/indexOf scan skips them several times faster than the HTML tokenizer does character by
 * character; none of it is visible text. Linear: each search starts where the last one ended, and an
 * unclosed element stops the scan (the parser then treats the rest as it would have).
 */
export function withoutScripts(html: string): string {
  const open =
    /<(script|style|svg|noscript|template|select|iframe|math|canvas|video|audio|object)\b([^>]*)>|<!--/gi;
  const parts: string[] = [];
  let from = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', open.lastIndex);
      if (end < 0) break;
      parts.push(html.slice(from, m.index));
      from = end + 3;
      open.lastIndex = from;
      continue;
    }
    const tag = m[1]!.toLowerCase();
    if (tag === 'script' && /ld\+json/i.test(m[2]!)) continue;
    const close = new RegExp(`</${tag}\\s*>`, 'gi');
    close.lastIndex = open.lastIndex;
    const c = close.exec(html);
    if (!c) break;
    parts.push(html.slice(from, open.lastIndex));
    from = c.index;
    open.lastIndex = c.index + c[0].length;
  }
  if (from === 0) return html;
  parts.push(html.slice(from));
  return parts.join('');
}

function liveDrop(f: DropFrame | null): DropFrame | null {
  while (f?.cancelled) f = f.parent;
  return f;
}

/**
 * A furniture word on a container that holds most of the page's text (a site that calls its article
 * wrapper "main-share-area") names the wrong thing: the drop is cancelled when the container holds over
 * half the page's prose, in at least three paragraphs.
 */
function cancelDropsHoldingTheArticle(blocks: TextBlock[]): void {
  let total = 0;
  const prose = new Map<DropFrame, { chars: number; paragraphs: number }>();
  for (const b of blocks) {
    if (!isProse(b)) continue;
    total += b.text.length;
    for (let f = b.drop; f; f = f.parent) {
      const p = prose.get(f) ?? { chars: 0, paragraphs: 0 };
      p.chars += b.text.length;
      p.paragraphs++;
      prose.set(f, p);
    }
  }
  for (const [f, p] of prose) {
    if (p.paragraphs >= 3 && p.chars > total * 0.5 && f.reason.kind !== 'comments') f.cancelled = true;
  }
}

/** Consecutive blocks removed by the same rule become one removal spanning them. */
function mergeRuns(items: Array<Removal & { index: number }>, source: string): Removal[] {
  const out: Removal[] = [];
  let prev: (Removal & { index: number }) | undefined;
  for (const x of items) {
    if (prev && prev.index === x.index - 1 && prev.rule === x.rule && prev.kind === x.kind) {
      prev.end = x.end;
      prev.index = x.index;
      continue;
    }
    if (prev) out.push(finish(prev, source));
    prev = { ...x };
  }
  if (prev) out.push(finish(prev, source));
  return out;
}

function finish(x: Removal & { index: number }, source: string): Removal {
  return { rule: x.rule, kind: x.kind, text: source.slice(x.start, x.end), start: x.start, end: x.end };
}

function titleCandidates(
  meta: StripResult['page'],
  h1: string[],
  twitterTitle: string | undefined,
): TitleCandidate[] {
  const out: TitleCandidate[] = [];
  if (h1[0]) out.push({ text: h1[0], source: 'h1' });
  if (meta.ogTitle) out.push({ text: meta.ogTitle, source: 'og:title' });
  if (meta.jsonLd?.headline) out.push({ text: meta.jsonLd.headline, source: 'json-ld' });
  if (twitterTitle) out.push({ text: twitterTitle, source: 'twitter:title' });
  if (meta.htmlTitle) out.push({ text: meta.htmlTitle, source: 'html-title' });
  return out;
}

/** Refuses input that is not text: control characters or undecodable bytes in the first 8 KB. */
function checkNotBinary(html: string): void {
  const head = html.length > 8192 ? html.slice(0, 8192) : html;
  if (!/[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/.test(head)) return;
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13 && c !== 27) || c === 0xfffd) bad++;
  }
  if (bad >= 8 && bad > head.length * 0.02) {
    throw new Error(
      'stripHtml: the input looks binary (control bytes or undecodable characters), not an HTML page; check the file and its charset (pass contentType with the right charset)',
    );
  }
}

/** A relative canonical link resolved against the page URL; left as written when either is not a URL. */
function absolute(href: string, base: string): string {
  try {
    return new URL(href, base).href;
  } catch {
    return href;
  }
}
