import { normalizeKey } from '@akhbar/text';

// Furniture vocabulary of Arabic (and English-in-Arabic) news pages. Entries are written as a reader
// sees them and folded with the same match key as the lines they are compared to, so spelling
// variants (أ/ا, ة/ه, ى/ي, diacritics, tatweel) match without listing each one.

/** Match key used by every text rule: @akhbar/text's normalizeKey with white space runs collapsed. */
export function ruleKey(s: string): string {
  // Plain ASCII folds to lower case only; skipping normalize()'s offset maps there halves the cost
  // of the rules on English-language pages.
  if (ASCII_RE.test(s)) return s.toLowerCase().replace(/\s+/g, ' ').trim();
  return normalizeKey(s).replace(/\s+/g, ' ').trim();
}

const ASCII_RE = /^[\x20-\x7e\t]*$/;

// Single words recur across articles (the word after every full stop, the first word of every long
// line): their keys are kept, so each is folded once, not at every occurrence. Cleared when full,
// which bounds the memory.
const wordKeys = new Map<string, string>();
const WORD_KEYS_MAX = 50_000;

/** ruleKey of a single word (or any short string), remembered. */
export function wordKey(word: string): string {
  let key = wordKeys.get(word);
  if (key === undefined) {
    if (wordKeys.size >= WORD_KEYS_MAX) wordKeys.clear();
    key = ruleKey(word);
    wordKeys.set(word, key);
  }
  return key;
}

function keySet(words: readonly string[]): Set<string> {
  return new Set(words.map(ruleKey));
}

function alternation(words: readonly string[]): string {
  // Longest first so the regex engine commits to the longest label; entries are escaped literals.
  return [...new Set(words.map(ruleKey))]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}

export const SHARE_LABELS = keySet([
  'مشاركة',
  'شارك',
  'شاركها',
  'شارك الخبر',
  'شارك المقال',
  'شارك هذا الخبر',
  'شارك هذا المقال',
  'شارك على',
  'شارك عبر',
  'انشر',
  'انشر الخبر',
  'share',
  'share this',
  'share on',
  'share this article',
]);

export const SOCIAL_NETWORKS = keySet([
  'فيسبوك',
  'فيس بوك',
  'فيسبوك ماسنجر',
  'تويتر',
  'اكس',
  'واتساب',
  'واتس اب',
  'تيليجرام',
  'تلغرام',
  'تليجرام',
  'لينكدان',
  'لينكد ان',
  'انستغرام',
  'انستجرام',
  'يوتيوب',
  'تيك توك',
  'بينتيريست',
  'البريد الالكتروني',
  'بريد الكتروني',
  'ايميل',
  'طباعة',
  'نسخ الرابط',
  'facebook',
  'twitter',
  'x',
  'whatsapp',
  'telegram',
  'linkedin',
  'instagram',
  'youtube',
  'tiktok',
  'pinterest',
  'reddit',
  'messenger',
  'email',
  'e-mail',
  'mail',
  'print',
  'copy link',
  'vk',
  'weibo',
  'wechat',
]);

const SHORT_LINK_LABELS = [
  'الرابط المختصر',
  'رابط مختصر',
  'رابط الخبر',
  'انسخ الرابط',
  'نسخ الرابط',
  'رابط دائم',
  'short link',
  'short url',
  'permalink',
];
export const SHORT_LINK_RE = new RegExp(
  `^(?:${alternation(SHORT_LINK_LABELS)})\\s*[:：]?(?:\\s*\\S{0,200})?$`,
);

export const COOKIE_TERMS_RE = new RegExp(
  alternation(['ملفات تعريف الارتباط', 'ملفات الارتباط', 'الكوكيز', 'كوكيز', 'cookies', 'cookie']),
);
export const COOKIE_HEADING_RE = new RegExp(
  alternation([
    'بيان',
    'سياسة',
    'سياسه',
    'اعدادات',
    'تفضيلات',
    'إدارة',
    'policy',
    'settings',
    'preferences',
    'notice',
  ]),
);
export const CONSENT_RE = new RegExp(
  alternation([
    'توافق',
    'موافقتك',
    'بموافقتك',
    'تصفح',
    'نستخدم',
    'يستخدم هذا الموقع',
    'يستخدم موقعنا',
    'باستخدامك',
    'باستمرارك',
    'by continuing',
    'we use',
    'you agree',
    'you consent',
    'this site uses',
    'this website uses',
  ]),
);
export const ACCEPT_BUTTONS = keySet([
  'أوافق',
  'موافق',
  'قبول',
  'أقبل',
  'قبول الكل',
  'قبول الجميع',
  'قبول جميع ملفات تعريف الارتباط',
  'رفض',
  'رفض الكل',
  'حسنا',
  'فهمت',
  'إغلاق',
  'accept',
  'accept all',
  'accept cookies',
  'i agree',
  'agree',
  'ok',
  'got it',
  'reject',
  'reject all',
  'close',
]);

const BREADCRUMB_HOME_LABELS = ['الصفحة الرئيسية', 'الرئيسية', 'home', 'homepage', 'main'];
export const BREADCRUMB_HOME_RE = new RegExp(
  `^(?:${alternation(BREADCRUMB_HOME_LABELS)})\\s*(?:>>|»|>|›|/|\\||\\\\|-)`,
);

export const RELATED_HEADINGS = keySet([
  'صور ساخنة',
  'اقرأ أيضا',
  'اقرأ ايضاً',
  'اقرأ كذلك',
  'اقرأ المزيد',
  'إقرأ أيضا',
  'ربما يعجبك أيضا',
  'قد يعجبك أيضا',
  'قد يهمك أيضا',
  'قد يهمك',
  'يهمك أيضا',
  'الأكثر قراءة',
  'الأكثر مشاهدة',
  'الأكثر تداولا',
  'الأكثر شعبية',
  'مواضيع ذات صلة',
  'موضوعات ذات صلة',
  'أخبار ذات صلة',
  'أخبار متعلقة',
  'مقالات ذات صلة',
  'مواد ذات صلة',
  'ذات صلة',
  'المزيد من الأخبار',
  'اخترنا لك',
  'شاهد أيضا',
  'تابع أيضا',
  'آخر الأخبار',
  'أحدث الأخبار',
  'الأخبار الأكثر قراءة',
  'related',
  'related articles',
  'related posts',
  'recent articles',
  'recent posts',
  'latest news',
  'latest stories',
  'explore further',
  'more from',
  'most read in world news',
  'trending now',
  'popular now',
  'you might also like',
  'recommended',
  'recommended for you',
  '関連記事',
  'похожие статьи',
  'related news',
  'related stories',
  'read more',
  'read also',
  'more stories',
  'more news',
  'you may also like',
  'most read',
  'most popular',
  'trending',
]);
const RELATED_INLINE_LABELS = [
  'اقرأ أيضا',
  'اقرأ كذلك',
  'إقرأ أيضا',
  'شاهد أيضا',
  'اقرأ المزيد',
  'read also',
  'read more',
  'see also',
];
export const RELATED_INLINE_RE = new RegExp(`^(?:${alternation(RELATED_INLINE_LABELS)})\\s*[:：|]`);

const TAG_LABELS = [
  'الكلمات الدالة',
  'كلمات دالة',
  'كلمات مفتاحية',
  'الكلمات المفتاحية',
  'الوسوم',
  'وسوم',
  'الموضوعات',
  'مواضيع',
  'tags',
  'keywords',
  'topics',
];
export const TAG_LABEL_RE = new RegExp(`^(?:${alternation(TAG_LABELS)})\\s*[:：]?`);

// A copyright line starts with its word or carries the sign or the formula; the word alone inside a
// sentence ('قضت المحكمة بأن حقوق النشر تعود إلى المؤلف') is prose.
export const COPYRIGHT_RE = new RegExp(
  `^(?:${alternation(['حقوق النشر', 'حقوق الطبع', 'copyright'])})|©|\\(c\\) ?\\d{4}|${alternation(['جميع الحقوق محفوظة', 'كل الحقوق محفوظة', 'الحقوق محفوظة', 'all rights reserved'])}`,
);

const SUBSCRIBE_LABELS = [
  'اشترك',
  'اشتركوا',
  'اشترك الآن',
  'للاشتراك',
  'اشترك في',
  'تابعنا',
  'تابعونا',
  'تابعوا',
  'تابعوا آخر الأخبار',
  'انضم إلى',
  'انضموا إلى',
  'حمل تطبيق',
  'حملوا تطبيق',
  'نزل تطبيق',
  'سجل',
  'follow us',
  'subscribe',
  'sign up',
  'join us',
  'download the app',
];
export const SUBSCRIBE_RE = new RegExp(`^(?:${alternation(SUBSCRIBE_LABELS)})(?:\\s|$|[:：])`);

const CAPTION_LABELS = [
  'الصورة',
  'صورة',
  'صور',
  'تصوير',
  'مصدر الصورة',
  'الصورة من',
  'صورة أرشيفية',
  'صورة من الأرشيف',
  'فيديو',
  'photo',
  'image',
  'credit',
  'photo credit',
  'file photo',
];
export const CAPTION_RE = new RegExp(`^\\(?(?:${alternation(CAPTION_LABELS)})\\s*[:：(/|-]`);

export const NAVIGATION_LINES = keySet([
  'السابق',
  'التالي',
  'الخبر السابق',
  'الخبر التالي',
  'المقال السابق',
  'المقال التالي',
  'العودة للأعلى',
  'العودة إلى الأعلى',
  'إلى الأعلى',
  'للأعلى',
  'عودة',
  'رجوع',
  'طباعة',
  'إرسال',
  'حفظ',
  'تكبير الخط',
  'تصغير الخط',
  'حجم الخط',
  'a+',
  'a-',
  'a',
  'بحث',
  'القائمة',
  'previous',
  'next',
  'back to top',
  'top',
  'menu',
  'search',
  'print',
  'home',
  'login',
  'log in',
  'sign in',
  'register',
  'loading',
  'loading...',
]);

/** One-word controls and labels that are never a paragraph on their own. */
export const FURNITURE_LINES = keySet([
  'المزيد',
  'فيديو',
  'صور',
  'شاهد',
  'شاهد الفيديو',
  'استمع',
  'استمع للخبر',
  'more',
  'video',
  'photos',
  'gallery',
  'listen',
]);

export const ADVERT_LINES = keySet([
  'إعلان',
  'اعلان',
  'إعلانات',
  'مساحة إعلانية',
  'مساحة اعلانية',
  'محتوى مدفوع',
  'محتوى برعاية',
  'برعاية',
  'advertisement',
  'advertising',
  'advert',
  'adverts',
  'ad',
  'ads',
  'sponsored',
  'sponsored content',
  'promoted',
]);

export const COMMENTS_LINES = keySet([
  'التعليقات',
  'تعليقات',
  'أضف تعليق',
  'أضف تعليقك',
  'أضف تعليقا',
  'اترك تعليقا',
  'اترك تعليقاً',
  'اكتب تعليقك',
  'شارك برأيك',
  'شاركنا رأيك',
  'تعليقات الفيسبوك',
  'comments',
  'comment',
  'leave a comment',
  'tell us what you think',
  'tell us what you think...',
  'add a comment',
  'post a comment',
]);

/** Reporting verbs and sentence-initial adverbs that open a news sentence (not bare prepositions, which run on mid-sentence); a short phrase right before one, after a full stop, is a flattened subheading. */
export const SENTENCE_OPENERS = keySet([
  'قال',
  'وقال',
  'أوضح',
  'وأوضح',
  'أكد',
  'وأكد',
  'أشار',
  'وأشار',
  'أضاف',
  'وأضاف',
  'ذكر',
  'وذكر',
  'أعلن',
  'وأعلن',
  'شدد',
  'وشدد',
  'دعا',
  'ودعا',
  'أعرب',
  'وأعرب',
  'بعد',
  'وبعد',
  'وخلال',
  'وفي',
  'كما',
  'ومن',
  'وعلى',
  'وتابع',
  'لفت',
  'ولفت',
]);

/**
 * First words of the labels that rules look for at the start of a line ('اقرأ أيضا: ...', 'تصوير: ...').
 * A long line that starts with none of them, and names no cookie, copyright or breadcrumb, cannot match
 * a rule, so its match key is never built: the rules then cost little on pages of prose.
 */
export const LABEL_FIRST_WORDS = new Set(
  [
    ...SHARE_LABELS,
    ...SOCIAL_NETWORKS,
    ...[
      ...SHORT_LINK_LABELS,
      ...BREADCRUMB_HOME_LABELS,
      ...RELATED_INLINE_LABELS,
      ...TAG_LABELS,
      ...SUBSCRIBE_LABELS,
      ...CAPTION_LABELS,
    ].map(ruleKey),
    'مصدر',
    'المصدر',
    'بقلم',
    'كتب',
    'كتبت',
    'by',
  ].map((label) => label.split(' ')[0]!),
);
