import { describe, expect, it } from 'vitest';
import { findDates, fromHijri, isoOf, parseDate, toHijri } from '../src/index.js';

const one = (s: string, o = {}) => {
  const m = parseDate(s, o);
  if (!m) throw new Error(`no date in ${s}`);
  expect(s.slice(m.start, m.end)).toBe(m.surface);
  return m;
};

describe('findDates', () => {
  it('reads named months in every regional spelling to the same date', () => {
    for (const s of [
      '23 مارس 2021',
      '23 آذار 2021',
      '23 اذار 2021',
      '23 آذار/مارس 2021',
      '23 مارس (آذار) 2021',
    ]) {
      expect(one(s).date, s).toBe('2021-03-23');
    }
    for (const s of ['5 أبريل 2024', '5 ابريل 2024', '5 إبريل 2024', '5 نيسان 2024', '5 أفريل 2024'])
      expect(one(s).date, s).toBe('2024-04-05');
    for (const s of ['1 يوليو 2023', '1 يولية 2023', '1 تموز 2023', '1 جويلية 2023', '1 يوليوز 2023'])
      expect(one(s).date, s).toBe('2023-07-01');
    expect(one('9 أوت 2022').date).toBe('2022-08-09');
    expect(one('9 اغسطس 2022').date).toBe('2022-08-09');
    expect(one('2 كانون الثاني 2020').date).toBe('2020-01-02');
    expect(one('2 كانون الأول 2020').date).toBe('2020-12-02');
    expect(one('12 تشرين الأول 2019').date).toBe('2019-10-12');
    expect(one('3 ماي 2021').date).toBe('2021-05-03');
    expect(one('3 جوان 2021').date).toBe('2021-06-03');
    expect(one('3 يونية 2021').date).toBe('2021-06-03');
  });

  it('reads Arabic-Indic and Persian digits, keeping spans in the original', () => {
    const m = one('في ٢٣ مارس ٢٠٢١ قال');
    expect(m.date).toBe('2021-03-23');
    expect(m.surface).toBe('٢٣ مارس ٢٠٢١');
    expect(one('۱۵ مهر؟ لا: ۱۵ مارس ۲۰۲۴').date).toBe('2024-03-15');
  });

  it('converts Hijri dates with the Umm al-Qura calendar', () => {
    const m = one('12 رمضان 1445 هـ');
    expect(m.form).toBe('hijri');
    expect(m.hijri).toBe('1445-09-12');
    expect(m.date).toBe('2024-03-22');
    expect(one('1 محرم 1446').date).toBe('2024-07-07');
    expect(one('10 ذو الحجة 1444 هـ').date).toBe('2023-06-28');
    expect(toHijri({ y: 2024, m: 3, d: 22 })).toEqual({ y: 1445, m: 9, d: 12 });
    expect(fromHijri({ y: 1445, m: 9, d: 30 })).toEqual({ y: 2024, m: 4, d: 9 });
  });

  it('does not take صفر (zero) or رجب (a name) for Hijri months without a Hijri year', () => {
    expect(findDates('سجل 3 صفر أهداف في 2020')).toEqual([]);
    expect(findDates('قال 5 رجب')).toEqual([]);
  });

  it('reads numeric forms, with the day/month order told apart where it can be', () => {
    expect(one('3/24/2021').date).toBe('2021-03-24');
    expect(one('24-03-2021').date).toBe('2021-03-24');
    expect(one('24.03.2021').date).toBe('2021-03-24');
    const pd = one('/مصدر: شينخوا/   2025:07:11.09:45');
    expect([pd.date, pd.time, pd.offset]).toEqual(['2025-07-11', '09:45', null]);
    expect(isoOf(pd)).toBe('2025-07-11');
    const amb = one('05/04/2024');
    expect(amb.ambiguous).toBe(true);
    expect(amb.date).toBe('2024-04-05');
    expect(amb.warnings[0]).toMatch(/^ambiguous-day-month/);
    expect(one('05/04/2024', { numericOrder: 'mdy' }).date).toBe('2024-05-04');
    expect(one('04/04/2024').ambiguous).toBeUndefined();
  });

  it('reads ISO strings and keeps the offset', () => {
    const m = one('2025-07-10T09:45:00+08:00');
    expect(m.form).toBe('iso');
    expect(isoOf(m)).toBe('2025-07-10T09:45:00+08:00');
    expect(isoOf(one('2025-07-10T01:45:00Z'))).toBe('2025-07-10T01:45:00Z');
    expect(isoOf(one('2025-07-10'))).toBe('2025-07-10');
  });

  it('reports impossible dates instead of rolling them over', () => {
    const m = one('31 فبراير 2024');
    expect(m.date).toBeNull();
    expect(m.warnings[0]).toMatch(/^invalid-date/);
    expect(one('29 فبراير 2024').date).toBe('2024-02-29');
    expect(one('29 فبراير 2023').date).toBeNull();
  });

  it('checks a weekday written with the date', () => {
    expect(one('الخميس 10 يوليو 2025').weekday).toBe('Thursday');
    expect(one('الخميس 10 يوليو 2025').warnings).toEqual([]);
    expect(one('الجمعة 10 يوليو 2025').warnings[0]).toMatch(/^weekday-mismatch/);
  });

  it('takes the year of a year-less date from the reference, and says when it cannot', () => {
    const m = one('5 مارس', { reference: '2024-03-06' });
    expect([m.date, m.yearInferred]).toEqual(['2024-03-05', true]);
    expect(one('30 ديسمبر', { reference: '2024-01-02' }).date).toBe('2023-12-30');
    const n = one('5 مارس');
    expect(n.date).toBeNull();
    expect(n.warnings[0]).toMatch(/^year-missing/);
  });

  it('resolves relative forms against a crawl time only when asked', () => {
    expect(findDates('منذ 3 ساعات')).toEqual([]);
    const ref = { relative: true, reference: '2025-07-11T12:30:00+03:00' };
    expect(isoOf(one('منذ 3 ساعات', ref))).toBe('2025-07-11T09:30:00+03:00');
    expect(isoOf(one('منذ ساعتين', ref))).toBe('2025-07-11T10:30:00+03:00');
    expect(isoOf(one('قبل 40 دقيقة', ref))).toBe('2025-07-11T11:50:00+03:00');
    expect(one('أمس', ref).date).toBe('2025-07-10');
    expect(one('أول أمس', ref).date).toBe('2025-07-09');
    expect(one('منذ يومين', ref).date).toBe('2025-07-09');
    expect(one('منذ ثلاثة أيام', ref).date).toBe('2025-07-08');
    expect(one('منذ أسبوع', ref).date).toBe('2025-07-04');
    expect(one('أمس', { relative: true }).warnings[0]).toMatch(/^year-missing/);
  });

  it('finds several dates in order, without overlaps', () => {
    const all = findDates('الرياض 05 رمضان 1445 هـ الموافق 15 مارس 2024 م واس');
    expect(all.map((m) => [m.form, m.date])).toEqual([
      ['hijri', '2024-03-15'],
      ['named', '2024-03-15'],
    ]);
  });
});

describe('hostile input', () => {
  it('runs in bounded time on long runs and huge lines', () => {
    const inputs = [
      '1'.repeat(200_000),
      '1/'.repeat(100_000),
      ' '.repeat(200_000),
      'مارس '.repeat(40_000),
      '12 '.repeat(60_000),
      '(شينخوا) '.repeat(20_000),
      `${'2025:'.repeat(50_000)}`,
      // Long runs of spaces inside a date's optional parts: each run is consumed by one quantifier only.
      `5 مارس${' '.repeat(90_000)}x`,
      `5 مارس 2024${' '.repeat(90_000)}x`,
      `الخميس${' '.repeat(90_000)}5`,
      `5${' '.repeat(40_000)}رمضان${' '.repeat(40_000)}`,
      `12${' '.repeat(40_000)}/${' '.repeat(40_000)}3`,
    ];
    for (const s of inputs) expect(Array.isArray(findDates(s, { relative: true }))).toBe(true);
  });

  it('throws a helpful error on a non-string', () => {
    expect(() => findDates(Buffer.from('x') as unknown as string)).toThrow(/decode bytes/);
  });
});

describe('times with dates', () => {
  it('reads 24-hour and 12-hour times (ص a.m., م/مساءً p.m.)', () => {
    expect(parseDate('الإثنين، 24 أغسطس 2020 09:56 ص')?.time).toBe('09:56');
    expect(parseDate('الجمعة، 21 أغسطس 2020 09:06 م')?.time).toBe('21:06');
    expect(parseDate('24 نيسان 2020 12:22 مساءً')?.time).toBe('12:22');
    expect(parseDate('24 نيسان 2020 12:10 ص')?.time).toBe('00:10');
    expect(parseDate('10 يوليو 2025 الساعة 09:45')?.time).toBe('09:45');
    expect(parseDate('25 ديسمبر 2020 | 2:01 ص')?.time).toBe('02:01');
    expect(parseDate('12/04/2020 9:29 مساء')?.time).toBe('21:29');
    expect(parseDate('10 يوليو 2025 الساعة 29:45')?.time).toBeNull();
  });
});

describe('numeric day/month order settled by a written weekday', () => {
  it('takes the reading whose weekday matches', () => {
    const a = parseDate('الاحد 12 / 04 / 2020 21:29');
    expect([a?.date, a?.ambiguous, a?.warnings]).toEqual(['2020-04-12', undefined, []]);
    const b = parseDate('الجمعة 12/04/2020');
    expect([b?.date, b?.ambiguous]).toEqual(['2020-12-04', undefined]);
    const c = parseDate('الاثنين 12/04/2020'); // neither reading is a Monday
    expect(c?.ambiguous).toBe(true);
    expect(c?.warnings.map((w) => w.split(':')[0])).toEqual(['ambiguous-day-month', 'weekday-mismatch']);
  });
});

describe('English and French month names (page dates on Arabic sites)', () => {
  it('reads them in both orders, abbreviated or not', () => {
    expect(parseDate('November 9, 2020')?.date).toBe('2020-11-09');
    expect(parseDate('Nov. 9, 2020')?.date).toBe('2020-11-09');
    expect(parseDate('9 November 2020')?.date).toBe('2020-11-09');
    expect(parseDate('9 novembre 2020')?.date).toBe('2020-11-09');
    expect(parseDate('1 août 2022')?.date).toBe('2022-08-01');
    expect(parseDate('14 juillet 2023')?.date).toBe('2023-07-14');
    expect(parseDate('March 3rd, 2021')?.date).toBe('2021-03-03');
  });
});
