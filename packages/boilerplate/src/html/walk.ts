import type { BlockKind, PageMeta } from '../types.js';
import { attr, type DomNode, squash, textOf } from './dom.js';
import { classWords, type DropReason, dropReason, INVISIBLE_TAGS } from './drop.js';
import { articleFromJsonLd, parseJsonLd } from './jsonld.js';

/** A dropped container met on the walk; frames nest (`parent`), and one holding the article is cancelled later. */
export interface DropFrame {
  node: DomNode;
  reason: DropReason;
  parent: DropFrame | null;
  textLength: number;
  cancelled: boolean;
}

/** A run of text between block boundaries, in document order. */
export interface TextBlock {
  text: string;
  kind: BlockKind;
  /** The block-level element that holds the text (its paragraph). */
  owner: DomNode;
  /** Heading level 1-6, or 0. */
  heading: number;
  linkLength: number;
  drop: DropFrame | null;
}

export interface Walked {
  blocks: TextBlock[];
  meta: PageMeta;
  warnings: string[];
}

const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
  'legend',
  'output',
]);

interface Frame {
  node: DomNode;
  next: number;
  owner: DomNode;
  drop: DropFrame | null;
  block: boolean;
  link: boolean;
  quote: boolean;
}

const MAX_DEPTH = 4000;

/**
 * One pass over the parsed tree: visible text cut into blocks at block-level elements and <br>, with
 * each block's link text, its paragraph element, the furniture container it sits in (if any); and the
 * page metadata (<title>, <meta>, canonical link, JSON-LD) met on the way. Iterative, with a depth cap,
 * so hostile nesting cannot overflow the stack.
 */
export function walk(root: DomNode): Walked {
  const blocks: TextBlock[] = [];
  const meta: PageMeta = { metaLines: [] };
  const warnings: string[] = [];
  const jsonLd: unknown[] = [];
  let parts: string[] = [];
  let linkLength = 0;
  let quoteDepth = 0;
  let deepWarned = false;

  const flush = (owner: DomNode, drop: DropFrame | null): void => {
    if (parts.length === 0) return;
    const text = squash(parts.join(''));
    parts = [];
    const links = linkLength;
    linkLength = 0;
    if (text.length === 0) return;
    const name = owner.name ?? '';
    const heading =
      name.length === 2 && name[0] === 'h' && name[1]! >= '1' && name[1]! <= '6' ? Number(name[1]) : 0;
    const kind: BlockKind =
      heading > 0
        ? 'heading'
        : quoteDepth > 0
          ? 'quote'
          : name === 'li' || name === 'dd' || name === 'dt'
            ? 'list'
            : 'p';
    blocks.push({ text, kind, owner, heading, linkLength: Math.min(links, text.length), drop });
    for (let f: DropFrame | null = drop; f; f = f.parent) f.textLength += text.length;
  };

  const stack: Frame[] = [
    { node: root, next: 0, owner: root, drop: null, block: true, link: false, quote: false },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const children = top.node.children;
    if (!children || top.next >= children.length) {
      stack.pop();
      if (top.block) flush(top.node, top.drop);
      if (top.quote) quoteDepth--;
      continue;
    }
    const node = children[top.next++]!;
    if (node.type === 'text') {
      const data = node.data ?? '';
      parts.push(data);
      if (top.link) linkLength += visibleLength(data);
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const name = node.name ?? '';
    if (INVISIBLE_TAGS.has(name)) {
      readMeta(node, name, meta, jsonLd);
      continue;
    }
    if (name === 'br' || name === 'hr') {
      flush(top.owner, top.drop);
      continue;
    }
    if (name === 'img') continue;
    if (name === 'html') {
      const lang = attr(node, 'lang');
      if (lang) meta.lang = lang;
    }
    if (stack.length >= MAX_DEPTH) {
      if (!deepWarned)
        warnings.push(
          `markup nested deeper than ${MAX_DEPTH} levels: the deepest part was read as plain text`,
        );
      deepWarned = true;
      parts.push(' ', textOf(node), ' ');
      continue;
    }
    const block = BLOCK_TAGS.has(name);
    // Class words are read on block containers only: inline spans and links are judged by link density.
    const reason = block || name === 'span' ? dropReason(node, name, classWords(node)) : undefined;
    if (block || reason) flush(top.owner, top.drop);
    const drop: DropFrame | null = reason
      ? { node, reason, parent: top.drop, textLength: 0, cancelled: false }
      : top.drop;
    const quote = name === 'blockquote';
    if (quote) quoteDepth++;
    stack.push({
      node,
      next: 0,
      owner: block ? node : top.owner,
      drop,
      block: block || reason !== undefined,
      // Only a link with a target: '<a name="top"/>' is left open by the parser and would make the page a link.
      link: top.link || (name === 'a' && node.attribs?.['href'] !== undefined),
      quote,
    });
  }
  if (jsonLd.length > 0) {
    for (const data of jsonLd) {
      const found = articleFromJsonLd(data);
      if (
        found &&
        (!meta.jsonLd ||
          (meta.jsonLd.type?.toLowerCase() === 'webpage' && found.type?.toLowerCase() !== 'webpage'))
      )
        meta.jsonLd = found;
    }
  }
  return { blocks, meta, warnings };
}

function readMeta(node: DomNode, name: string, meta: PageMeta, jsonLd: unknown[]): void {
  if (name === 'title') {
    if (meta.htmlTitle === undefined) {
      const t = squash(textOf(node));
      if (t) meta.htmlTitle = t;
    }
  } else if (name === 'meta') {
    const key = (attr(node, 'property') ?? attr(node, 'name') ?? attr(node, 'itemprop') ?? '').toLowerCase();
    const content = squash(attr(node, 'content') ?? '');
    if (key && content) setMeta(meta, key, content);
  } else if (name === 'link') {
    if ((attr(node, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical')) {
      const href = attr(node, 'href')?.trim();
      if (href && meta.canonicalUrl === undefined) meta.canonicalUrl = href;
    }
  } else if (name === 'script') {
    if ((attr(node, 'type') ?? '').toLowerCase().includes('ld+json')) {
      const data = parseJsonLd(textOf(node));
      if (data !== undefined) jsonLd.push(data);
    }
  } else if (
    name === 'head' ||
    name === 'noscript' ||
    name === 'svg' ||
    name === 'map' ||
    name === 'picture'
  ) {
    // <head> holds the metadata; walk it (small) for title, meta, link and scripts.
    if (name !== 'head') return;
    const queue: DomNode[] = [...(node.children ?? [])];
    for (let i = 0; i < queue.length && i < 5000; i++) {
      const n = queue[i]!;
      if (n.type === 'tag' || n.type === 'script' || n.type === 'style') {
        readMeta(n, n.name ?? '', meta, jsonLd);
        if (n.name !== 'script' && n.name !== 'style' && n.name !== 'title' && n.children) {
          for (const c of n.children) queue.push(c);
        }
      }
    }
  }
}

// twitter:title is not a PageMeta field; it is offered as a title candidate instead.
const twitterTitles = new WeakMap<PageMeta, string>();

export function twitterTitleOf(meta: PageMeta): string | undefined {
  return twitterTitles.get(meta);
}

function setMeta(meta: PageMeta, key: string, content: string): void {
  switch (key) {
    case 'og:title':
      meta.ogTitle ??= content;
      break;
    case 'og:site_name':
      meta.ogSiteName ??= content;
      break;
    case 'og:url':
      meta.ogUrl ??= content;
      break;
    case 'description':
    case 'og:description':
      meta.description ??= content;
      break;
    case 'article:published_time':
    case 'og:published_time':
    case 'datepublished':
    case 'pubdate':
    case 'publishdate':
    case 'publish-date':
    case 'dc.date.issued':
    case 'parsely-pub-date':
    case 'sailthru.date':
      meta.publishedTime ??= content;
      break;
    case 'article:modified_time':
    case 'og:updated_time':
    case 'datemodified':
    case 'lastmod':
      meta.modifiedTime ??= content;
      break;
    case 'author':
    case 'article:author':
    case 'dc.creator':
    case 'parsely-author':
      if (!/^https?:/.test(content)) {
        meta.author ??= [];
        if (!meta.author.includes(content)) meta.author.push(content);
      }
      break;
    case 'article:section':
    case 'parsely-section':
      meta.section ??= content;
      break;
    case 'keywords':
    case 'news_keywords':
    case 'article:tag':
      meta.keywords = [
        ...new Set([...(meta.keywords ?? []), ...content.split(/\s*[,،;]\s*/).filter((k) => k.length > 0)]),
      ];
      break;
    case 'twitter:title':
      twitterTitles.set(meta, content);
      break;
  }
}

/** Characters of text once white space runs are collapsed (an upper bound is enough for link density). */
function visibleLength(s: string): number {
  let n = 0;
  let space = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ws = c === 32 || c === 10 || c === 9 || c === 13 || c === 0xa0;
    if (!ws) n++;
    else if (!space) n++;
    space = ws;
  }
  return n;
}
