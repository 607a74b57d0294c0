import { attr, type DomNode } from './dom.js';
import { classWords } from './drop.js';
import type { TextBlock } from './walk.js';

// Main-content choice in the manner of Readability (arc90): each paragraph of prose scores its
// ancestors, the best-scoring container weighted by (1 - link density) wins, and siblings that score
// well or hold clean prose join it. Runs on the block list, not the DOM, so it costs one pass over
// the blocks times a bounded ancestor depth.

const POSITIVE_RE =
  /^(?:article|body|content|entry|hentry|main|page|post|text|blog|story|news|detail|details|articlebody|itemprop)$/;
const NEGATIVE_RE =
  /^(?:hidden|banner|combx|comment|comments|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|tool|tools|widget|ad|ads|nav|menu|social|most|popular|list|teaser|card|cards|more)$/;
const ANCESTOR_LEVELS = 5;

interface Candidate {
  node: DomNode;
  score: number;
  text: number;
  links: number;
}

function classWeight(node: DomNode): number {
  let w = 0;
  let pos = false;
  let neg = false;
  for (const words of classWords(node)) {
    for (const word of words) {
      if (POSITIVE_RE.test(word)) pos = true;
      else if (NEGATIVE_RE.test(word)) neg = true;
    }
  }
  if (attr(node, 'itemprop') === 'articleBody') pos = true;
  if (pos) w += 25;
  if (neg) w -= 25;
  return w;
}

function baseScore(node: DomNode): number {
  switch (node.name) {
    case 'div':
    case 'article':
    case 'main':
      return 5 + classWeight(node);
    case 'pre':
    case 'td':
    case 'blockquote':
      return 3 + classWeight(node);
    case 'address':
    case 'ol':
    case 'ul':
    case 'dl':
    case 'dd':
    case 'dt':
    case 'li':
    case 'form':
      return -3 + classWeight(node);
    case 'h1':
    case 'h2':
    case 'h3':
    case 'h4':
    case 'h5':
    case 'h6':
    case 'th':
      return -5 + classWeight(node);
    default:
      return classWeight(node);
  }
}

function commas(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44 || c === 0x060c || c === 0xff0c) n++;
  }
  return n;
}

export interface Selection {
  /** Indices of the blocks inside the chosen content. */
  inside: Set<number>;
  root: DomNode | null;
}

/** Chooses the main content among blocks that are not in a dropped container. */
export function selectContent(blocks: TextBlock[], live: (b: TextBlock) => boolean): Selection {
  const candidates = new Map<DomNode, Candidate>();
  const get = (node: DomNode): Candidate => {
    let c = candidates.get(node);
    if (!c) {
      c = { node, score: baseScore(node), text: 0, links: 0 };
      candidates.set(node, c);
    }
    return c;
  };
  for (const b of blocks) {
    if (!live(b) || b.heading > 0 || b.text.length < 25) continue;
    const score = 1 + commas(b.text) + Math.min(Math.floor(b.text.length / 100), 3);
    let node = b.owner.parent ?? null;
    for (let level = 0; level < ANCESTOR_LEVELS && node && node.type !== 'root'; level++) {
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      get(node).score += score / divider;
      node = node.parent ?? null;
    }
  }
  // Text and link totals of each candidate, from the live blocks under it.
  for (const b of blocks) {
    if (!live(b)) continue;
    let node: DomNode | null | undefined = b.owner;
    for (let level = 0; level <= ANCESTOR_LEVELS + 1 && node; level++) {
      const c = candidates.get(node);
      if (c) {
        c.text += b.text.length;
        c.links += b.linkLength;
      }
      node = node.parent;
    }
  }
  let best: Candidate | null = null;
  let bestScore = -Infinity;
  for (const c of candidates.values()) {
    const ld = c.text > 0 ? c.links / c.text : 1;
    const s = c.score * (1 - ld);
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  if (!best) {
    const inside = new Set<number>();
    blocks.forEach((b, i) => {
      if (live(b)) inside.add(i);
    });
    return { inside, root: null };
  }
  const finalScore = (c: Candidate): number => c.score * (1 - (c.text > 0 ? c.links / c.text : 1));
  // Readability: when the winner is an only child, its parent is the real container.
  let top = best.node;
  while (
    top.parent &&
    top.parent.type !== 'root' &&
    (top.parent.children ?? []).filter((n) => n.type === 'tag').length === 1
  ) {
    top = top.parent;
  }
  top = expand(top, blocks, live);
  top = preferLongerProse(top, blocks, live);
  // Siblings of the winner that score well or hold prose join it.
  const roots = new Set<DomNode>([top]);
  const threshold = Math.max(10, bestScore * 0.5);
  const parent = top.parent;
  const topClass = attr(top, 'class') ?? '';
  if (parent && parent.type !== 'root') {
    for (const sib of parent.children ?? []) {
      if (sib === top || sib.type !== 'tag') continue;
      const c = candidates.get(sib);
      let bonus = 0;
      if (topClass && attr(sib, 'class') === topClass) bonus += bestScore * 0.2;
      if (c && finalScore(c) + bonus >= threshold) roots.add(sib);
    }
  }
  // A block is inside when one of its ancestors is a root; memoised per element.
  const memo = new Map<DomNode, boolean>();
  const isInside = (start: DomNode): boolean => {
    const path: DomNode[] = [];
    let node: DomNode | null | undefined = start;
    let result = false;
    while (node) {
      const known = memo.get(node);
      if (known !== undefined) {
        result = known;
        break;
      }
      if (roots.has(node)) {
        result = true;
        break;
      }
      path.push(node);
      node = node.parent;
    }
    for (const n of path) memo.set(n, result);
    return result;
  };
  const inside = new Set<number>();
  const siblingProse = (b: TextBlock): boolean => {
    // A loose paragraph beside the content: kept when it is clean prose.
    if (b.owner.parent !== parent || b.owner.name !== 'p') return false;
    const ld = b.text.length > 0 ? b.linkLength / b.text.length : 1;
    return (b.text.length > 80 && ld < 0.25) || (ld === 0 && /[.!?؟]$/.test(b.text));
  };
  blocks.forEach((b, i) => {
    if (live(b) && (isInside(b.owner) || siblingProse(b))) inside.add(i);
  });
  return { inside, root: top };
}

interface Stats {
  text: number;
  links: number;
  prose: number;
  proseBlocks: number;
  /** Headings and link-dense blocks: the titles of teaser cards. */
  labels: number;
}

function statsUnder(root: DomNode, blocks: TextBlock[], live: (b: TextBlock) => boolean): Stats {
  const memo = new Map<DomNode, boolean>();
  const under = (start: DomNode): boolean => {
    const path: DomNode[] = [];
    let node: DomNode | null | undefined = start;
    let result = false;
    while (node) {
      if (node === root) {
        result = true;
        break;
      }
      const known = memo.get(node);
      if (known !== undefined) {
        result = known;
        break;
      }
      path.push(node);
      node = node.parent;
    }
    for (const n of path) memo.set(n, result);
    return result;
  };
  const s: Stats = { text: 0, links: 0, prose: 0, proseBlocks: 0, labels: 0 };
  for (const b of blocks) {
    if (!live(b) || !under(b.owner)) continue;
    s.text += b.text.length;
    s.links += b.linkLength;
    if (isProse(b)) {
      s.prose += b.text.length;
      s.proseBlocks++;
    } else if (b.heading > 0 || b.linkLength > b.text.length * 0.5) s.labels++;
  }
  return s;
}

/**
 * An article split over sibling sections (text, video, text) scores in one section only: climb to the
 * parent while it adds prose (30% more) and stays low in links, so the other sections join.
 */
function expand(top: DomNode, blocks: TextBlock[], live: (b: TextBlock) => boolean): DomNode {
  let current = top;
  let stats = statsUnder(current, blocks, live);
  for (let i = 0; i < 4; i++) {
    const parent = current.parent;
    if (!parent || parent.type === 'root' || parent.name === 'body' || parent.name === 'html') break;
    const up = statsUnder(parent, blocks, live);
    // Teaser cards (a linked title over an excerpt) add prose too, but come with a label per excerpt.
    const teasers = up.labels - stats.labels > (up.proseBlocks - stats.proseBlocks) * 0.5;
    if (up.prose <= stats.prose * 1.3 || up.links > up.text * 0.25 || teasers) {
      if (up.prose <= stats.prose * 1.3 && up.text > 0) {
        // No more prose above: keep climbing through pure wrappers only.
        if (up.text === stats.text) {
          current = parent;
          continue;
        }
      }
      break;
    }
    current = parent;
    stats = up;
  }
  return current;
}

/** A paragraph of prose: 80+ characters, under 30% link text. */
export function isProse(b: TextBlock): boolean {
  return b.text.length >= 80 && b.linkLength < b.text.length * 0.3;
}

/**
 * A one-paragraph article scores less than a footer with a few commas. When a single paragraph
 * outside the winner holds more prose than everything inside it, the winner is wrong: that
 * paragraph's container takes its place.
 */
function preferLongerProse(top: DomNode, blocks: TextBlock[], live: (b: TextBlock) => boolean): DomNode {
  const inside = statsUnder(top, blocks, live).prose;
  let best: TextBlock | undefined;
  for (const b of blocks) {
    if (live(b) && isProse(b) && b.text.length > inside && (!best || b.text.length > best.text.length))
      best = b;
  }
  if (!best || isUnder(best.owner, top)) return top;
  return best.owner.parent && best.owner.parent.type !== 'root' ? best.owner.parent : best.owner;
}

function isUnder(node: DomNode, root: DomNode): boolean {
  for (let n: DomNode | null | undefined = node; n; n = n.parent) if (n === root) return true;
  return false;
}
