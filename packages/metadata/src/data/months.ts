// Month names as Arabic outlets write them. Spellings are listed as written; lookups go through
// normalizeKey, so alef/yeh/teh-marbuta variants (أبريل/ابريل/إبريل, يونية/يونيه) need no separate entry.

/** Gregorian month names: Egypt and the Gulf, the Levant and Iraq (Syriac names), the Maghreb (French-derived) and Morocco. */
export const GREGORIAN_MONTHS: ReadonlyArray<readonly [month: number, names: readonly string[]]> = [
  [1, ['يناير', 'كانون الثاني', 'جانفي', 'جانفييه']],
  [2, ['فبراير', 'شباط', 'فيفري', 'فبرير', 'فيفريي']],
  [3, ['مارس', 'آذار', 'أذار', 'مارث']],
  [4, ['أبريل', 'نيسان', 'أفريل', 'ابريل', 'إبريل']],
  [5, ['مايو', 'أيار', 'ماي', 'مايس']],
  [6, ['يونيو', 'يونية', 'حزيران', 'جوان', 'يونيه']],
  [7, ['يوليو', 'يولية', 'تموز', 'جويلية', 'جويلييه', 'يوليوز', 'يوليه']],
  [8, ['أغسطس', 'آب', 'أوت', 'غشت', 'اغسطس']],
  [9, ['سبتمبر', 'أيلول', 'شتنبر', 'سبتمر']],
  [10, ['أكتوبر', 'تشرين الأول', 'تشرين أول', 'اكتوبر']],
  [11, ['نوفمبر', 'تشرين الثاني', 'تشرين ثاني', 'نونبر']],
  [12, ['ديسمبر', 'كانون الأول', 'كانون أول', 'دجنبر', 'دیسمبر']],
];

/**
 * English and French month names, full and abbreviated: Arabic sites often print their page dates in one of
 * them (November 9, 2020; 9 novembre 2020). Matched lower-cased.
 */
export const LATIN_MONTHS: ReadonlyArray<readonly [month: number, names: readonly string[]]> = [
  [1, ['january', 'jan', 'janvier', 'janv']],
  [2, ['february', 'feb', 'février', 'fevrier', 'févr', 'fevr']],
  [3, ['march', 'mar', 'mars']],
  [4, ['april', 'apr', 'avril', 'avr']],
  [5, ['may', 'mai']],
  [6, ['june', 'jun', 'juin']],
  [7, ['july', 'jul', 'juillet', 'juil']],
  [8, ['august', 'aug', 'août', 'aout']],
  [9, ['september', 'sep', 'sept', 'septembre']],
  [10, ['october', 'oct', 'octobre']],
  [11, ['november', 'nov', 'novembre']],
  [12, ['december', 'dec', 'décembre', 'decembre', 'déc']],
];

/** Hijri (Islamic) month names with their common spellings. */
export const HIJRI_MONTHS: ReadonlyArray<readonly [month: number, names: readonly string[]]> = [
  [1, ['محرم', 'المحرم']],
  [2, ['صفر']],
  [3, ['ربيع الأول', 'ربيع أول', 'ربيع الاول']],
  [4, ['ربيع الثاني', 'ربيع الآخر', 'ربيع ثاني', 'ربيع آخر']],
  [5, ['جمادى الأولى', 'جمادى الأول', 'جمادى أولى', 'جمادي الأولى']],
  [6, ['جمادى الآخرة', 'جمادى الثانية', 'جمادى الآخر', 'جمادى ثاني', 'جمادى الثاني']],
  [7, ['رجب']],
  [8, ['شعبان']],
  [9, ['رمضان']],
  [10, ['شوال']],
  [11, ['ذو القعدة', 'ذي القعدة', 'ذو القعده']],
  [12, ['ذو الحجة', 'ذي الحجة']],
];

/** Weekday names, 0 = Sunday as in Date#getUTCDay. */
export const WEEKDAYS: ReadonlyArray<readonly [day: number, english: string, names: readonly string[]]> = [
  [0, 'Sunday', ['الأحد']],
  [1, 'Monday', ['الاثنين', 'الإثنين', 'الأثنين']],
  [2, 'Tuesday', ['الثلاثاء', 'الثلاثا']],
  [3, 'Wednesday', ['الأربعاء', 'الاربعا']],
  [4, 'Thursday', ['الخميس']],
  [5, 'Friday', ['الجمعة']],
  [6, 'Saturday', ['السبت']],
];

export const WEEKDAY_EN = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
