import type { RemovalKind } from '../types.js';
import { attr, type DomNode } from './dom.js';

/** Why a container is dropped before content scoring: the rule id recorded in `removed`, and its kind. */
export interface DropReason {
  rule: string;
  kind: RemovalKind;
}

/** Elements whose text is never visible: left out of the source altogether. */
export const INVISIBLE_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'select',
  'option',
  'button',
  'input',
  'textarea',
  'head',
  'title',
  'meta',
  'link',
  'map',
  'picture',
  'source',
]);

const TAG_DROPS: Record<string, DropReason> = {
  nav: { rule: 'html-nav', kind: 'navigation' },
  menu: { rule: 'html-nav', kind: 'navigation' },
  header: { rule: 'html-header', kind: 'furniture' },
  footer: { rule: 'html-footer', kind: 'furniture' },
  aside: { rule: 'html-aside', kind: 'related' },
  form: { rule: 'html-form', kind: 'furniture' },
  dialog: { rule: 'html-dialog', kind: 'furniture' },
  figcaption: { rule: 'html-caption', kind: 'caption' },
};

// Class and id words that name page furniture. Matched as whole words of the class/id (split on
// '-', '_', spaces and camelCase), never as substrings: 'shadow' is not 'ad', 'thread' is not 'ad'.
const TOKEN_DROPS: Array<[string[], DropReason]> = [
  [
    [
      'share',
      'sharing',
      'shares',
      'social',
      'socials',
      'sharethis',
      'addthis',
      'sharebar',
      'addtoany',
      'a2a',
    ],
    { rule: 'html-share', kind: 'share' },
  ],
  [
    ['cookie', 'cookies', 'consent', 'gdpr', 'cmp', 'cookiebar', 'cookiebanner'],
    { rule: 'html-cookie', kind: 'cookie' },
  ],
  [['breadcrumb', 'breadcrumbs', 'crumbs', 'crumb'], { rule: 'html-breadcrumb', kind: 'breadcrumb' }],
  [
    [
      'related',
      'recommended',
      'recommendations',
      'recommendation',
      'outbrain',
      'taboola',
      'trending',
      'popular',
      'mostread',
      'readmore',
      'more',
      'also',
      'suggested',
      'latest',
    ],
    { rule: 'html-related', kind: 'related' },
  ],
  [['tags', 'tag', 'keywords', 'taglist', 'tagcloud', 'topics'], { rule: 'html-tags', kind: 'tags' }],
  [
    ['comment', 'comments', 'disqus', 'respond', 'replies', 'discussion'],
    { rule: 'html-comments', kind: 'comments' },
  ],
  [
    ['newsletter', 'subscribe', 'subscription', 'signup', 'follow', 'paywall', 'registration'],
    { rule: 'html-subscribe', kind: 'subscribe' },
  ],
  [
    [
      'ad',
      'ads',
      'adv',
      'advert',
      'adverts',
      'advertisement',
      'advertising',
      'sponsor',
      'sponsored',
      'promo',
      'promotion',
      'dfp',
      'adsbygoogle',
      'adslot',
      'adunit',
      'banner',
      'commercial',
    ],
    { rule: 'html-advert', kind: 'advert' },
  ],
  [
    ['nav', 'navbar', 'navigation', 'menu', 'pagination', 'pager', 'skip', 'topbar'],
    { rule: 'html-nav', kind: 'navigation' },
  ],
  [
    [
      'sidebar',
      'widget',
      'widgets',
      'tooltip',
      'popover',
      'hovercard',
      'rollover',
      'footer',
      'masthead',
      'toolbar',
      'modal',
      'popup',
      'overlay',
      'offscreen',
      'sr',
      'visually',
      'author',
      'byline',
      'bio',
      'meta',
      'date',
      'time',
      'dateline',
      'timestamp',
      'rating',
    ],
    { rule: 'html-furniture', kind: 'furniture' },
  ],
  [['caption', 'credit', 'credits', 'figcaption'], { rule: 'html-caption', kind: 'caption' }],
];

const TOKEN_INDEX = new Map<string, DropReason>();
const PRIORITY = new Map<DropReason, number>(TOKEN_DROPS.map(([, reason], i) => [reason, i]));
for (const [words, reason] of TOKEN_DROPS) for (const w of words) TOKEN_INDEX.set(w, reason);

/** Words that mark a container as the article itself: such a container is never dropped for a furniture word. */
const POSITIVE = new Set([
  'article',
  'content',
  'entry',
  'post',
  'story',
  'body',
  'main',
  'text',
  'hentry',
  'news',
  'detail',
  'details',
  'blog',
]);

const NONE: string[][] = [];
const QUALIFIERS = new Set(['with', 'has', 'no', 'without', 'show', 'sans']);

/** The words of each class name and of the id: 'article-tags main' -> [['article','tags'],['main']]. */
export function classWords(node: DomNode): string[][] {
  const a = node.attribs;
  if (!a) return NONE;
  const cls = a['class'];
  const id = a['id'];
  if (!cls) return id ? wordsOf(id) : NONE;
  return id ? wordsOf(cls).concat(wordsOf(id)) : wordsOf(cls);
}

// Pages repeat the same class strings: a bounded cache of a pure function.
const wordCache = new Map<string, string[][]>();

function wordsOf(raw: string): string[][] {
  const cached = wordCache.get(raw);
  if (cached) return cached;
  const out = splitClasses(raw.length > 400 ? raw.slice(0, 400) : raw);
  if (wordCache.size > 4096) wordCache.clear();
  wordCache.set(raw, out);
  return out;
}

/** One scan: white space separates class names; other non-alphanumerics and camelCase humps separate words. */
function splitClasses(raw: string): string[][] {
  const out: string[][] = [];
  let words: string[] = [];
  let word = '';
  let prevLower = false;
  const endWord = (): void => {
    if (word) words.push(word);
    word = '';
  };
  for (let i = 0; i <= raw.length; i++) {
    const c = i < raw.length ? raw.charCodeAt(i) : 32;
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) {
      endWord();
      if (words.length > 0) out.push(words);
      words = [];
      prevLower = false;
    } else if (c >= 97 && c <= 122) {
      word += raw[i];
      prevLower = true;
    } else if (c >= 48 && c <= 57) {
      word += raw[i];
    } else if (c >= 65 && c <= 90) {
      if (prevLower) endWord();
      word += String.fromCharCode(c + 32);
      prevLower = false;
    } else {
      endWord();
      prevLower = false;
    }
  }
  return out;
}

/**
 * Reads one class name: the furniture word it ends on wins over an earlier article word
 * ('article-tags' is tags, 'tags-article' is the article). Returns 'positive', a drop reason, or undefined.
 */
function readClass(words: string[]): DropReason | 'positive' | undefined {
  let lastPositive = -1;
  let lastDrop = -1;
  let reason: DropReason | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (POSITIVE.has(w)) lastPositive = i;
    const r = TOKEN_INDEX.get(w);
    // 'has-sidebar', 'with-sidebar', 'no-ads' describe the layout around the content, not furniture.
    const negated = i > 0 && QUALIFIERS.has(words[i - 1]!);
    if (r && !negated) {
      lastDrop = i;
      // The more specific word names the container: 'gdpr-popup' is a cookie banner, not a popup.
      if (!reason || PRIORITY.get(r)! < PRIORITY.get(reason)!) reason = r;
    }
  }
  if (reason && lastDrop > lastPositive) return reason;
  return lastPositive >= 0 ? 'positive' : undefined;
}

const HIDDEN_STYLE_RE = /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** The reason to drop this element, or undefined to keep walking into it. */
const verdictCache = new Map<string[][], DropReason | null>();

/** The class-and-id verdict, cached with the (cached) word lists it is computed from. */
function classVerdict(classes: string[][]): DropReason | undefined {
  const cached = verdictCache.get(classes);
  if (cached !== undefined) return cached ?? undefined;
  // One class that names the article keeps the element ('hentry tag-china' is a WordPress post).
  let found: DropReason | undefined;
  for (const words of classes) {
    const r = readClass(words);
    if (r === 'positive') {
      found = undefined;
      break;
    }
    found ??= r;
  }
  if (verdictCache.size > 4096) verdictCache.clear();
  verdictCache.set(classes, found ?? null);
  return found;
}

export function dropReason(node: DomNode, name: string, classes: string[][]): DropReason | undefined {
  const a = node.attribs;
  if (
    a &&
    (a['hidden'] !== undefined ||
      a['aria-hidden'] === 'true' ||
      (a['style'] !== undefined && HIDDEN_STYLE_RE.test(a['style'])))
  ) {
    return { rule: 'html-hidden', kind: 'furniture' };
  }
  const role = attr(node, 'role');
  if (role === 'navigation' || role === 'menubar') return { rule: 'html-nav', kind: 'navigation' };
  if (role === 'complementary') return { rule: 'html-aside', kind: 'related' };
  if (role === 'contentinfo' || role === 'banner') return { rule: 'html-furniture', kind: 'furniture' };
  const byTag = TAG_DROPS[name];
  if (byTag) return byTag;
  if (name === 'body' || name === 'html' || name === 'main' || name === 'article') return undefined;
  if (classes.length === 0) return undefined;
  return classVerdict(classes);
}
