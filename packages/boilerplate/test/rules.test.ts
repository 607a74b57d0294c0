import { describe, expect, it } from 'vitest';
import { stripText } from '../src/index.js';

const PROSE =
  'قال وزير الخارجية إن البلدين اتفقا على تعزيز التعاون في مجالات الاقتصاد والتجارة والطاقة خلال السنوات المقبلة.';

function rulesOf(raw: string): string[] {
  return stripText(raw).removed.map((r) => r.rule);
}

describe('precision: article sentences are never removed', () => {
  const sentences = [
    'مشاركة الصين في القمة كانت لافتة هذا العام، وفق ما أكده دبلوماسيون غربيون.',
    'شارك الرئيس في افتتاح المعرض الدولي للكتاب بحضور عدد من الوزراء.',
    'وقالت الشركة إن سياسة ملفات تعريف الارتباط الجديدة ستطبق على المستخدمين في أوروبا.',
    'الرئيسية في هذا الملف أن المفاوضات لم تبدأ بعد.',
    'اقرأ أيضا ما كتبه المحللون عن الأزمة في الصحف الصادرة اليوم.',
    'التعليقات التي صدرت عن الوزير أثارت جدلا واسعا في البرلمان.',
    'تابعنا الاجتماع منذ بدايته وحتى صدور البيان الختامي.',
    'صورة الرئيس على غلاف المجلة أثارت اهتمام القراء.',
    'موافق على هذا الرأي أغلب أعضاء المجلس، بحسب مصادر مطلعة.',
    'قضت المحكمة بأن حقوق النشر تعود إلى المؤلف وحده.',
    'الصور التي نشرتها الوكالة أظهرت حجم الدمار في المدينة.',
  ];
  for (const s of sentences) {
    it(`keeps: ${s.slice(0, 40)}…`, () => {
      const r = stripText(`${PROSE}\n\n${s}\n\n${PROSE}`);
      expect(r.body).toBe(`${PROSE}\n\n${s}\n\n${PROSE}`);
      expect(r.removed).toEqual([]);
    });
  }
  it('keeps a lone accept word that is not next to a cookie banner', () => {
    expect(stripText(`${PROSE}\n\nموافق\n\n${PROSE}`).body).toContain('موافق');
  });
});

describe('furniture lines are removed with their rule and kind', () => {
  const cases: Array<[string, string, string]> = [
    ['مشاركة :', 'share-bar', 'share'],
    ['شارك الخبر', 'share-bar', 'share'],
    ['فيسبوك | تويتر | واتساب', 'share-bar', 'share'],
    ['شارك: Facebook Twitter WhatsApp', 'share-bar', 'share'],
    ['الرابط المختصر: https://example.com/abc', 'short-link', 'share'],
    ['الرئيسية » أخبار » عربي ودولي', 'breadcrumb', 'breadcrumb'],
    ['أخبار >> سياسة >> الشرق الأوسط', 'breadcrumb', 'breadcrumb'],
    ['/مصدر: شينخوا/ 2025:07:11.09:45', 'source-timestamp', 'metadata'],
    ['المصدر: وكالات', 'source-line', 'metadata'],
    ['المصدر:', 'source-line', 'metadata'],
    ['(أبوظبي - البيان)', 'credit-line', 'metadata'],
    ['تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً', 'date-line', 'metadata'],
    ['• 3/24/2021', 'date-bullet', 'metadata'],
    ['• 00:00', 'time-bullet', 'metadata'],
    ['الأربعاء، 24 مارس 2021 - 10:30 ص', 'date-line', 'metadata'],
    ['نشر في: ١٢ يوليو ٢٠٢٥', 'date-line', 'metadata'],
    ['• 4', 'counter-bullet', 'counter'],
    ['عدد المشاهدات: 1520', 'view-counter', 'counter'],
    ['1,204 مشاهدة', 'view-counter', 'counter'],
    ['اقرأ أيضا:', 'related-heading', 'related'],
    ['الأكثر قراءة', 'related-heading', 'related'],
    ['اقرأ أيضًا: الصين وروسيا توقعان اتفاقية جديدة', 'related-inline', 'related'],
    ['الكلمات الدالة: الصين، روسيا، لافروف', 'tags', 'tags'],
    ['© 2025 جميع الحقوق محفوظة لصحيفة الشعب اليومية', 'copyright', 'copyright'],
    ['تابعونا على تيليجرام', 'subscribe', 'subscribe'],
    ['اشترك في النشرة البريدية', 'subscribe', 'subscribe'],
    ['(صورة: شينخوا)', 'caption', 'caption'],
    ['تصوير: محمد علي', 'caption', 'caption'],
    ['الخبر التالي', 'navigation', 'navigation'],
    ['إعلان', 'advert', 'advert'],
    ['Advert', 'advert', 'advert'],
    ['Image 2 of 5', 'caption', 'caption'],
    ['صورة 1 من 4', 'caption', 'caption'],
    ['Copyright 2025 Example News', 'copyright', 'copyright'],
    ['أضف تعليقك', 'comments', 'comments'],
    ['news-picture', 'icon-placeholder', 'furniture'],
    ['Read more', 'related-heading', 'related'],
    ['Click here', 'english-furniture', 'furniture'],
    ['بقلم: أحمد محمود', 'byline', 'metadata'],
  ];
  for (const [line, rule, kind] of cases) {
    it(`${line} -> ${rule}`, () => {
      const raw = `${PROSE}\n\n${line}\n\n${PROSE}`;
      const r = stripText(raw);
      expect(r.body).toBe(`${PROSE}\n\n${PROSE}`);
      expect(r.removed).toHaveLength(1);
      const x = r.removed[0]!;
      expect([x.rule, x.kind]).toEqual([rule, kind]);
      expect(raw.slice(x.start, x.end)).toBe(line);
    });
  }
});

describe('context rules', () => {
  it('removes the non-prose lines under a related heading, up to the next prose paragraph', () => {
    const raw = `${PROSE}\n\nاقرأ أيضا\nالصين وروسيا تبحثان التعاون\nلافروف يزور بكين الأسبوع المقبل\n\n${PROSE}`;
    expect(rulesOf(raw)).toEqual(['related-heading', 'related-item', 'related-item']);
    expect(stripText(raw).body).toBe(`${PROSE}\n\n${PROSE}`);
  });
  it('removes a cookie banner over several lines with its accept and reject buttons', () => {
    const raw = `${PROSE}\n\nنستخدم ملفات تعريف الارتباط لتحسين تجربتك على موقعنا.\nقبول\nرفض`;
    expect(rulesOf(raw)).toEqual(['cookie-consent', 'cookie-accept', 'cookie-accept']);
  });
  it('finds a headline only when prose follows it', () => {
    expect(stripText('الصين وروسيا توقعان اتفاقية جديدة').titleCandidates).toEqual([]);
    const r = stripText(`الصين وروسيا توقعان اتفاقية جديدة\n\n${PROSE}`);
    expect(r.titleCandidates).toEqual([
      { text: 'الصين وروسيا توقعان اتفاقية جديدة', source: 'text-headline' },
    ]);
    expect(r.removed[0]).toMatchObject({ rule: 'headline', kind: 'title' });
  });
  it('does not take a standalone dateline for a headline', () => {
    expect(stripText(`بكين 31 ديسمبر 2020 (شينخوا)\n${PROSE}`).titleCandidates).toEqual([]);
  });
});

describe('menu runs', () => {
  it('removes a pasted site menu before the article and after it, keeps a short list inside it', () => {
    const menu = 'الرئيسية\nسياسة\nاقتصاد\nعربي ودولي\nرياضة';
    const list = 'القاهرة\nعمان\nبغداد\nدمشق';
    const raw = `${menu}\n\n${PROSE}\n\n${list}\n\n${PROSE}\n\nمن نحن\nاتصل بنا\nسياسة الخصوصية\nأعلن معنا`;
    const r = stripText(raw);
    expect(r.body).toBe(`${PROSE}\n\n${list.replace(/\n/g, '\n\n')}\n\n${PROSE}`);
    expect(r.removed.map((x) => x.rule)).toEqual(Array(9).fill('menu-run'));
  });
  it('leaves three short lines alone', () => {
    expect(stripText(`الرئيسية\nسياسة\nاقتصاد\n\n${PROSE}`).removed.map((x) => x.rule)).not.toContain(
      'menu-run',
    );
  });
});

describe('bad and hostile input', () => {
  it('returns an empty body with a warning-free result for empty input', () => {
    const r = stripText('');
    expect(r.body).toBe('');
    expect(r.removed).toEqual([]);
  });
  it('throws a helpful error for non-string input', () => {
    expect(() => stripText(new Uint8Array([1, 2]) as unknown as string)).toThrow(/decode bytes first/);
  });
  it('handles CRLF line ends with correct offsets', () => {
    const raw = `${PROSE}\r\n\r\nمشاركة :\r\n`;
    const r = stripText(raw);
    expect(r.body).toBe(PROSE);
    expect(raw.slice(r.removed[0]!.start, r.removed[0]!.end)).toBe('مشاركة :');
  });
  it('handles a 5 MB single line and long runs of one character (linear rules: no backtracking blow-up within the test timeout)', () => {
    const line = 'ا'.repeat(5_000_000);
    expect(stripText(line).body.length).toBe(5_000_000);
    expect(stripText('. '.repeat(1_000_000)).removed).toEqual([]);
    expect(stripText('•\n'.repeat(200_000)).body).toBe('');
    expect(stripText(`${'كلمة '.repeat(400_000)}.`).body.length).toBeGreaterThan(0);
  });
});
