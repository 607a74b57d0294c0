import { normalizeKey } from '@akhbar/text';

/**
 * Trigger words: a word before (or after) a name that says what kind of name follows. They are features,
 * not rules: the tagger learns how far to trust each class. Written as in text; matched on normalized keys
 * of the word with and without its proclitics.
 */
const PERSON = `الرئيس رئيس الملك الأمير الشيخ السيد السيدة الدكتور د المهندس الأستاذ الحاج الإمام الشيخة
وزير وزيرة الوزير الوزيرة نائب النائب المتحدث الناطق السفير سفير الأمين أمين الجنرال اللواء العميد العقيد
الفريق المشير القائد قائد زعيم الزعيم المستشار مستشار المدير مدير المبعوث مبعوث المندوب مندوب رئيسة
البابا الكاردينال المطران القس الرئيسة المرشد آية الله الخليفة السلطان سلطان العاهل ولي المدرب اللاعب
النجم الفنان الفنانة الكاتب الشاعر المخرج الممثل المطرب المغني الروائي المؤرخ العالم الباحث المحامي القاضي
قال وقال قالت وقالت أكد وأكد أضاف وأضاف صرح أعلن وأعلن أوضح ذكر السيناتور النائبة عضو المفوض مفوض
المدعي المحقق الصحفي المراسل مراسل الشهيد الراحل الكابتن`;

const LOC = `مدينة المدينة منطقة المنطقة محافظة المحافظة ولاية الولاية جزيرة الجزيرة عاصمة العاصمة إقليم الإقليم
بلدة البلدة قرية القرية نهر النهر جبل جبال بحر البحر خليج الخليج شمال جنوب شرق غرب شمالي جنوبي شرقي غربي
وسط مقاطعة المقاطعة حي الحي شارع ميناء مطار قضاء ضاحية بلاد دولة الدولة جمهورية مملكة إمارة صحراء سهل
وادي بحيرة مضيق قناة جزر`;

const ORG = `منظمة المنظمة وكالة الوكالة حزب الحزب شركة الشركة جامعة الجامعة جمعية الجمعية مجلس المجلس اتحاد
الاتحاد حركة الحركة جبهة الجبهة بنك البنك مصرف صحيفة الصحيفة هيئة الهيئة لجنة اللجنة مؤسسة المؤسسة وزارة
الوزارة نادي النادي فريق منتخب المنتخب محكمة المحكمة برلمان البرلمان مجموعة المجموعة صندوق الصندوق معهد
المعهد مركز المركز قناة إذاعة تلفزيون مستشفى رابطة الرابطة نقابة النقابة كتلة ائتلاف تحالف جيش الجيش
قوات القوات شرطة بورصة سوق`;

function keys(list: string): Set<string> {
  return new Set(
    list
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => normalizeKey(w)),
  );
}

export const TRIGGERS: ReadonlyArray<readonly [string, ReadonlySet<string>]> = [
  ['P', keys(PERSON)],
  ['L', keys(LOC)],
  ['O', keys(ORG)],
];

/** Trigger classes ('P', 'L', 'O') of a normalized word key or any of its proclitic stems, joined. */
export function triggerClass(key: string, stems: readonly string[]): string {
  let out = '';
  for (const [cls, set] of TRIGGERS) {
    if (set.has(key)) out += cls;
    else
      for (const s of stems)
        if (set.has(s)) {
          out += cls;
          break;
        }
  }
  return out;
}
