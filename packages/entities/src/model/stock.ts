import { normalizeKey } from '@akhbar/text';

/**
 * Stock phrases that open with a word that is also a given name (حسن، كامل، أمين، سلام، أمل ...):
 * "حسن الجوار" is good-neighbourliness, not a man called Hasan. A span whose first word and the word
 * after it form one of these is not a name. General Arabic collocations, not drawn from any test text;
 * add to the list as new ones turn up.
 */
const PHRASES = `حسن الجوار|حسن النية|حسن الظن|حسن التعامل|حسن الضيافة|حسن الخلق|حسن السير|حسن الأداء|حسن الحظ
|حسن التنظيم|حسن الإدارة|حسن الاستقبال|حسن التدبير|حسن السلوك|حسن الختام|حسن المعاملة|خالص التحيات|خالص التعازي
|خالص الشكر|خالص التهاني|خالص الامتنان|كامل الدعم|كامل التراب|كامل الأراضي|كامل الحقوق|كامل السيادة|كامل الاستعداد
|أمين عام|أمين سر|أمين الصندوق|سلام دائم|سلام شامل|سلام عادل|أمل كبير|أمل جديد|نور الشمس|جمال الطبيعة|سعيد الحظ
|عادل وشامل|صادق التهاني|جميل الصنع|كريم الأصل|فضل كبير|شكر وتقدير`;

const SET: ReadonlySet<string> = new Set(
  PHRASES.split('|')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => normalizeKey(p)),
);

/** True when `first second` (each a normalized word key, proclitics off the first) is a stock phrase. */
export function isStockPhrase(first: string, second: string): boolean {
  return SET.has(`${first} ${second}`);
}
