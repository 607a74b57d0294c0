import { arabicRatio } from '@akhbar/text';
import { LABEL_FIRST_WORDS, ruleKey, wordKey } from './lexicon.js';
import type { Line } from './lines.js';
import { classifyLine, endsSentence, isAcceptButton, isCookieLine, type Verdict } from './rules.js';
import type { BlockKind, Removal, TitleCandidate } from './types.js';

/** A candidate paragraph: a trimmed span of the source, with the block kind HTML gave it. */
export interface Segment extends Line {
  kind?: BlockKind;
  /** Index of the HTML block it came from. */
  block?: number;
}

export interface RuleOutcome {
  kept: Segment[];
  removed: Removal[];
  titleCandidates: TitleCandidate[];
  metaLines: Array<{ rule: string; text: string }>;
}

export interface RuleOptions {
  /** Look for a headline among the first lines (text captures); HTML gives its title separately. */
  headline: boolean;
  /** Lines longer than this are prose by definition: no rule looks at them. */
  maxRuleLineLength: number;
}

const HEADLINE_MAX = 220;
const PROSE_MIN = 160;
const LONG_LINE = 320;
const COOKIE_HINT_RE = /ارتباط|كوكيز|cookie/i;
const LONG_HINT_RE = /[©>»›]|ارتباط|كوكيز|cookie|حقوق|rights|copyright|\(c\)/i;

/** Whether a line over 80 characters could match any rule: a label first word, or a tell-tale sign. */
function mayMatchLong(text: string): boolean {
  if (LONG_HINT_RE.test(text)) return true;
  const first = /^[\s(/•·▪●*]*([^\s:：|/]{1,30})/.exec(text)?.[1];
  return first !== undefined && LABEL_FIRST_WORDS.has(wordKey(first));
}

/**
 * Runs the line rules over candidate paragraphs, then the context rules: a cookie banner's accept
 * button, the non-prose lines under a "related" or "tags" heading, pasted site menus, and the headline.
 */
export function applyTextRules(source: string, segments: Segment[], options: RuleOptions): RuleOutcome {
  // Whether the document is Arabic matters only to the English-furniture rule: measured on demand.
  let arabic: boolean | undefined;
  const ctx = {
    get arabicDoc(): boolean {
      arabic ??= arabicRatio(source.length > 4000 ? source.slice(0, 4000) : source) >= 0.5;
      return arabic;
    },
  };
  const verdicts: Array<Verdict | null> = new Array(segments.length).fill(null);
  const keys: Array<string | null> = new Array(segments.length).fill(null);
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const length = s.end - s.start;
    if (length > options.maxRuleLineLength) continue;
    const text = source.slice(s.start, s.end);
    // Every rule but the cookie banner's looks at short lines only, and past 80 characters only at
    // labelled lines: skip the match key for prose.
    if (length > LONG_LINE ? !COOKIE_HINT_RE.test(text) : length > 80 && !mayMatchLong(text)) continue;
    const key = ruleKey(text);
    keys[i] = key;
    verdicts[i] = classifyLine(text, key, ctx);
  }
  contextRules(source, segments, keys, verdicts);

  const titleCandidates: TitleCandidate[] = [];
  if (options.headline) {
    const h = findHeadline(source, segments, verdicts);
    if (h >= 0) {
      verdicts[h] = { rule: 'headline', kind: 'title' };
      const s = segments[h]!;
      titleCandidates.push({ text: source.slice(s.start, s.end), source: 'text-headline' });
    }
  }

  const kept: Segment[] = [];
  const removed: Removal[] = [];
  const metaLines: Array<{ rule: string; text: string }> = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const v = verdicts[i];
    if (!v) {
      kept.push(s);
      continue;
    }
    removed.push({
      rule: v.rule,
      kind: v.kind,
      text: source.slice(s.start, s.end),
      start: s.start,
      end: s.end,
    });
    if (v.meta !== undefined) metaLines.push({ rule: v.rule, text: v.meta });
  }
  return { kept, removed, titleCandidates, metaLines };
}

function contextRules(
  source: string,
  segments: Segment[],
  keys: Array<string | null>,
  verdicts: Array<Verdict | null>,
): void {
  for (let i = 0; i < segments.length; i++) {
    const v = verdicts[i];
    if (!v) continue;
    if (v.kind === 'cookie') {
      // Accept/reject buttons stand within two lines of the banner text.
      for (let j = Math.max(0, i - 2); j <= Math.min(segments.length - 1, i + 2); j++) {
        const k = keys[j];
        if (!verdicts[j] && typeof k === 'string' && isAcceptButton(k))
          verdicts[j] = { rule: 'cookie-accept', kind: 'cookie' };
      }
    } else if (v.rule === 'related-heading' || v.rule === 'tags') {
      // The list under the heading: non-prose lines up to the first paragraph of prose.
      const item = v.rule === 'tags' ? 'tags-item' : 'related-item';
      const maxLen = v.rule === 'tags' ? 40 : PROSE_MIN;
      for (let j = i + 1; j < segments.length; j++) {
        if (verdicts[j]) {
          if (verdicts[j]!.kind === v.kind) break;
          continue;
        }
        const s = segments[j]!;
        const text = source.slice(s.start, s.end);
        if (s.end - s.start > maxLen || endsSentence(text) || s.kind === 'heading') break;
        verdicts[j] = { rule: item, kind: v.kind };
      }
    }
  }
  menuRuns(source, segments, verdicts);
  // Consent text split over lines: any line next to a cookie line that itself asks for consent.
  for (let i = 0; i < segments.length; i++) {
    if (verdicts[i] || keys[i] === null) continue;
    const near = (verdicts[i - 1]?.kind ?? verdicts[i + 1]?.kind) === 'cookie';
    if (near && isCookieLine(keys[i]!)) verdicts[i] = { rule: 'cookie-consent', kind: 'cookie' };
  }
}

/**
 * The headline of a text capture: the first line left after the furniture rules, when it is short,
 * does not end a sentence, is not a dateline, and prose follows it.
 */
function findHeadline(source: string, segments: Segment[], verdicts: Array<Verdict | null>): number {
  let first = -1;
  for (let i = 0; i < segments.length; i++) {
    if (!verdicts[i]) {
      first = i;
      break;
    }
  }
  if (first < 0) return -1;
  const s = segments[first]!;
  const text = source.slice(s.start, s.end);
  if (text.length > HEADLINE_MAX || text.length < 8 || endsSentence(text) || /[:：]$/.test(text)) return -1;
  if (text.split(/\s+/).length < 3) return -1;
  // A dateline standing alone ('بكين 31 ديسمبر 2020 (شينخوا)') is not a headline.
  if (/\([^()]{2,30}\)\s*[-–—:]?$/.test(text)) return -1;
  // Prose must follow: a later kept line that ends a sentence or is long.
  for (let j = first + 1; j < segments.length; j++) {
    if (verdicts[j]) continue;
    const t = segments[j]!;
    if (t.end - t.start >= PROSE_MIN || endsSentence(source.slice(t.start, t.end))) return first;
  }
  return -1;
}

const MENU_ITEM_MAX = 25;
const MENU_RUN_MIN = 4;

function isMenuItem(source: string, s: Segment): boolean {
  if (s.end - s.start > MENU_ITEM_MAX || s.kind === 'list' || s.kind === 'heading') return false;
  const text = source.slice(s.start, s.end);
  if (endsSentence(text) || /^[\d\s.,:/-]+$/.test(text)) return false;
  return text.split(/\s+/).length <= 2;
}

/**
 * A site menu pasted into a capture: four or more consecutive one- or two-word lines (الرئيسية،
 * سياسة، اقتصاد، رياضة) before the first paragraph of prose or after the last one. Inside the
 * article such runs are left alone: they may be the article's own list.
 */
function menuRuns(source: string, segments: Segment[], verdicts: Array<Verdict | null>): void {
  const prose = (i: number): boolean => {
    const s = segments[i]!;
    return !verdicts[i] && (s.end - s.start >= PROSE_MIN || endsSentence(source.slice(s.start, s.end)));
  };
  const first = segments.findIndex((_, i) => prose(i));
  if (first < 0) return;
  let last = first;
  for (let i = segments.length - 1; i > first; i--) {
    if (prose(i)) {
      last = i;
      break;
    }
  }
  const mark = (from: number, to: number): void => {
    let run: number[] = [];
    const flush = (): void => {
      if (run.length >= MENU_RUN_MIN)
        for (const j of run) verdicts[j] = { rule: 'menu-run', kind: 'navigation' };
      run = [];
    };
    for (let i = from; i < to; i++) {
      if (verdicts[i]) {
        flush();
        continue;
      }
      if (isMenuItem(source, segments[i]!)) run.push(i);
      else flush();
    }
    flush();
  };
  mark(0, first);
  mark(last + 1, segments.length);
}
