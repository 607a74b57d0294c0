import { hasArabic } from '@akhbar/text';
import {
  ACCEPT_BUTTONS,
  ADVERT_LINES,
  BREADCRUMB_HOME_RE,
  CAPTION_RE,
  COMMENTS_LINES,
  CONSENT_RE,
  COOKIE_HEADING_RE,
  COOKIE_TERMS_RE,
  COPYRIGHT_RE,
  FURNITURE_LINES,
  NAVIGATION_LINES,
  RELATED_HEADINGS,
  RELATED_INLINE_RE,
  SHARE_LABELS,
  SHORT_LINK_RE,
  SOCIAL_NETWORKS,
  SUBSCRIBE_RE,
  TAG_LABEL_RE,
} from './lexicon.js';
import type { RemovalKind } from './types.js';

/** The line without a trailing label colon: 'مشاركة :' -> 'مشاركة'. A scan, not a regex: '\\s*:\\s*$' retries at every space. */
export function withoutColon(key: string): string {
  let end = key.length;
  while (end > 0 && key.charCodeAt(end - 1) === 32) end--;
  const c = key.charCodeAt(end - 1);
  if (end > 0 && (c === 58 || c === 0xff1a)) {
    end--;
    while (end > 0 && key.charCodeAt(end - 1) === 32) end--;
  }
  return end === key.length ? key : key.slice(0, end);
}

/** A rule's verdict on one line. `meta` is set when the line carries metadata (it goes to page.metaLines). */
export interface Verdict {
  rule: string;
  kind: RemovalKind;
  meta?: string;
}

const BULLET = '(?:[•·▪●◦‣∙*]\\s*)?';
const DATE_NUM = '\\d{1,4}[/.\\-]\\d{1,2}[/.\\-]\\d{1,4}';
const TIME = '\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s*(?:ص|م|am|pm|gmt|utc))?';
const DATE_BULLET_RE = new RegExp(`^${BULLET}(${DATE_NUM}(?:\\s*[-|,،]?\\s*${TIME})?)$`);
const TIME_BULLET_RE = new RegExp(`^${BULLET}(${TIME})$`);
const NUMBER_BULLET_RE = /^[•·▪●◦‣∙*]\s*(\d[\d,.]*)$/;
const BARE_NUMBER_RE = /^\d{1,7}$/;
const VIEW_COUNTER_RE =
  /^(?:[•·▪●◦‣∙*]\s*)?(?:(?:عدد )?(?:المشاهدات|القراءات|المشاهده|القراءه|الزيارات|التعليقات|مشاهدات|قراءات|views|reads|comments|likes)\s*[:：]?\s*\d[\d,.]*\s*k?|\d[\d,.]*\s*k?\s*(?:مشاهده|مشاهدات|قراءه|قراءات|تعليق|تعليقات|زياره|زيارات|اعجاب|views?|reads?|comments?|likes?|shares?))$/;
// '/مصدر: شينخوا/   2025:07:11.09:45' (People's Daily), 'المصدر: وكالات'.
const SOURCE_LINE_RE = /^\/?\s*(?:ال)?مصدر\s*[:：]\s*([^/:\n]{0,40}?)\s*\/?\s*([\d:./\- ]{4,25})?$/;
// '(أبوظبي - البيان)', '(رويترز)', '(أ ف ب)': a place and agency credit standing alone in parentheses.
const CREDIT_LINE_RE = /^\([^()]{2,40}\)$/;
const BYLINE_RE =
  /^(?:بقلم|كتب|كتبت|اعداد|تحرير|مراسل|مراسله|by)\s*[:：]\s*\S.{0,50}$|^بقلم\s+\S+(?:\s+\S+){0,4}$/;
const ICON_RE = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)+$/;
const SENTENCE_END_RE = /[.!?؟…]["'»”)]?$/;

const MONTHS = new Set([
  'يناير',
  'فبراير',
  'مارس',
  'ابريل',
  'مايو',
  'يونيو',
  'يوليو',
  'اغسطس',
  'سبتمبر',
  'اكتوبر',
  'نوفمبر',
  'ديسمبر',
  'كانون',
  'شباط',
  'اذار',
  'نيسان',
  'ايار',
  'حزيران',
  'تموز',
  'اب',
  'ايلول',
  'تشرين',
  'الثاني',
  'الاول',
  'محرم',
  'صفر',
  'ربيع',
  'جمادي',
  'رجب',
  'شعبان',
  'رمضان',
  'شوال',
  'القعده',
  'الحجه',
  'ذو',
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]);
const DATE_WORDS = new Set([
  'السبت',
  'الاحد',
  'الاثنين',
  'الثلاثاء',
  'الاربعاء',
  'الخميس',
  'الجمعه',
  'نشر',
  'في',
  'تاريخ',
  'النشر',
  'اخر',
  'تحديث',
  'التحديث',
  'منذ',
  'بتوقيت',
  'مكه',
  'المكرمه',
  'غرينتش',
  'القاهره',
  'ص',
  'م',
  'ه',
  'هـ',
  'الساعه',
  'تم',
  'نشره',
  'نشرت',
  'مساء',
  'صباحا',
  'صباح',
  'مساءا',
  'published',
  'updated',
  'on',
  'at',
  'am',
  'pm',
  'gmt',
  'utc',
]);

/** A short line made only of a date, a time, weekday and month names, and 'published'/'updated' words. */
function isDateLine(key: string): boolean {
  if (key.length > 80 || !/\d/.test(key)) return false;
  const tokens = key.split(/[\s,،|:\-/.()+]+/).filter((t) => t.length > 0);
  if (tokens.length < 2) return false;
  let month = false;
  let number = false;
  for (const t of tokens) {
    if (/^\d+$/.test(t)) number = true;
    else if (MONTHS.has(t)) month = true;
    else if (!DATE_WORDS.has(t)) return false;
  }
  return number && (month || /\d{4}/.test(key));
}

function isShareLine(key: string): boolean {
  if (key.length > 200) return false;
  const label = withoutColon(key);
  if (SHARE_LABELS.has(label)) return true;
  // 'شارك: فيسبوك تويتر واتساب' or a bare list of network names.
  const m = /^([^:：]{1,25})[:：]\s*(.*)$/.exec(key);
  const rest = m && SHARE_LABELS.has(m[1]!.trim()) ? m[2]! : key;
  return isNetworkList(rest);
}

function isNetworkList(s: string): boolean {
  // Cheap gate: the first word must be a network name.
  const first = /^[^\s|,،/•·]+/.exec(s)?.[0];
  if (first === undefined || !(SOCIAL_NETWORKS.has(first) || NETWORK_FIRST_WORDS.has(first))) return false;
  const parts = s.split(/\s*[|,،/•·]\s*|\s{2,}/).filter((p) => p.length > 0);
  if (parts.length === 0) return false;
  for (const p of parts) {
    if (SOCIAL_NETWORKS.has(p)) continue;
    // Names separated by single spaces: every word a network name.
    const words = p.split(' ');
    if (words.length < 2 || !words.every((w) => SOCIAL_NETWORKS.has(w))) return false;
  }
  return true;
}

/** First words of multi-word network names ('فيس بوك', 'copy link'). */
const NETWORK_FIRST_WORDS = new Set([...SOCIAL_NETWORKS].map((n) => n.split(' ')[0]!));

export function isCookieLine(key: string): Verdict | null {
  if (!COOKIE_TERMS_RE.test(key)) return null;
  if (CONSENT_RE.test(key)) return { rule: 'cookie-consent', kind: 'cookie' };
  if (
    key.length <= 100 &&
    key.split(' ').length <= 10 &&
    !SENTENCE_END_RE.test(key) &&
    COOKIE_HEADING_RE.test(key)
  )
    return { rule: 'cookie-heading', kind: 'cookie' };
  return null;
}

export interface LineContext {
  /** The document is mostly Arabic: Latin-only furniture lines are foreign to it (may be computed lazily). */
  readonly arabicDoc: boolean;
}

/**
 * Classifies one trimmed line by its match key. Each rule matches the whole line (or a labelled
 * line), never a word inside a sentence: `مشاركة الصين في القمة كانت ...` is prose and stays.
 */
export function classifyLine(text: string, key: string, ctx: LineContext): Verdict | null {
  const bare = withoutColon(key);
  if (!/[\p{L}\p{N}]/u.test(key)) return { rule: 'symbol-only', kind: 'furniture' };
  if (isShareLine(key)) return { rule: 'share-bar', kind: 'share' };
  if (SHORT_LINK_RE.test(key) && key.length <= 220) return { rule: 'short-link', kind: 'share' };
  const cookie = isCookieLine(key);
  if (cookie) return cookie;
  if (key.length <= 160 && BREADCRUMB_HOME_RE.test(key)) return { rule: 'breadcrumb', kind: 'breadcrumb' };
  if (key.length <= 160 && isBreadcrumbTrail(key)) return { rule: 'breadcrumb', kind: 'breadcrumb' };
  let m = SOURCE_LINE_RE.exec(key);
  if (m) return { rule: m[2] ? 'source-timestamp' : 'source-line', kind: 'metadata', meta: text };
  m = DATE_BULLET_RE.exec(key);
  if (m) return { rule: 'date-bullet', kind: 'metadata', meta: stripBullet(text) };
  m = TIME_BULLET_RE.exec(key);
  if (m) return { rule: 'time-bullet', kind: 'metadata', meta: stripBullet(text) };
  if (NUMBER_BULLET_RE.test(key)) return { rule: 'counter-bullet', kind: 'counter' };
  if (BARE_NUMBER_RE.test(key)) return { rule: 'bare-number', kind: 'counter' };
  if (key.length <= 60 && VIEW_COUNTER_RE.test(key)) return { rule: 'view-counter', kind: 'counter' };
  if (isDateLine(key)) return { rule: 'date-line', kind: 'metadata', meta: text };
  if (key.length <= 70 && BYLINE_RE.test(key) && !SENTENCE_END_RE.test(key))
    return { rule: 'byline', kind: 'metadata', meta: text };
  if (RELATED_HEADINGS.has(bare)) return { rule: 'related-heading', kind: 'related' };
  if (key.length <= 220 && RELATED_INLINE_RE.test(key)) return { rule: 'related-inline', kind: 'related' };
  if (key.length <= 300 && TAG_LABEL_RE.test(key) && isLabelled(key, TAG_LABEL_RE))
    return { rule: 'tags', kind: 'tags' };
  if (key.length <= 200 && COPYRIGHT_RE.test(key)) return { rule: 'copyright', kind: 'copyright' };
  if (key.length <= 160 && SUBSCRIBE_RE.test(key) && !SENTENCE_END_RE.test(key))
    return { rule: 'subscribe', kind: 'subscribe' };
  if (key.length <= 200 && CAPTION_RE.test(key)) return { rule: 'caption', kind: 'caption' };
  if (CREDIT_LINE_RE.test(key) && !/[.!?؟]/.test(key))
    return { rule: 'credit-line', kind: 'metadata', meta: text };
  if (key.length <= 40 && /^(?:image|photo|slide|صوره|الصوره) \d+ (?:of|من) \d+$/.test(key))
    return { rule: 'caption', kind: 'caption' };
  if (key.length <= 60 && /^this (?:slideshow|video|content|gallery) requires javascript\.?$/.test(key))
    return { rule: 'english-furniture', kind: 'furniture' };
  if (NAVIGATION_LINES.has(bare)) return { rule: 'navigation', kind: 'navigation' };
  if (ADVERT_LINES.has(bare)) return { rule: 'advert', kind: 'advert' };
  if (COMMENTS_LINES.has(bare) || /^\d+ (?:تعليق|تعليقات|comments?)$/.test(key))
    return { rule: 'comments', kind: 'comments' };
  if (FURNITURE_LINES.has(bare)) return { rule: 'furniture-label', kind: 'furniture' };
  if (key.length <= 40 && ICON_RE.test(key)) return { rule: 'icon-placeholder', kind: 'furniture' };
  if (isEnglishFurniture(key) && ctx.arabicDoc) return { rule: 'english-furniture', kind: 'furniture' };
  return null;
}

/** The label is the whole line, or is followed by a list (no sentence punctuation) rather than prose. */
function isLabelled(key: string, label: RegExp): boolean {
  const rest = key.replace(label, '').trim();
  return rest.length === 0 || (!SENTENCE_END_RE.test(rest) && rest.split(' ').length <= 40);
}

/** 'أخبار >> عربي ودولي >> مصر' without a home link: two or more separators, every segment short. */
function isBreadcrumbTrail(key: string): boolean {
  const parts = key.split(/\s*(?:>>|»|›|>)\s*/);
  if (parts.length < 3) return false;
  return parts.every((p) => p.length > 0 && p.length <= 40 && p.split(' ').length <= 5);
}

function isEnglishFurniture(key: string): boolean {
  if (key.length > 30 || hasArabic(key) || SENTENCE_END_RE.test(key)) return false;
  const words = key.split(' ');
  return words.length <= 3 && /[a-z]/.test(key);
}

function stripBullet(text: string): string {
  return text.replace(/^[•·▪●◦‣∙*]\s*/, '');
}

export function endsSentence(s: string): boolean {
  return SENTENCE_END_RE.test(s);
}

export function isAcceptButton(key: string): boolean {
  return ACCEPT_BUTTONS.has(withoutColon(key));
}
