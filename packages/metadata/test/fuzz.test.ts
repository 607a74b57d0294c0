import { describe, expect, it } from 'vitest';
import { extractMetadata, findDates, WEEKDAYS } from '../src/index.js';

// Property test on generated junk built from the grammar's own pieces (place names, months, digits in three
// scripts, agencies, brackets, weekdays, spaces), so that near-miss inputs are common. Deterministic seed.
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
}
const PIECES = [
  'القاهرة',
  'بكين',
  'كوالا لمبور',
  ' ',
  '  ',
  '،',
  '(',
  ')',
  '/',
  '-',
  '--',
  ':',
  'في',
  'هنا',
  'اليوم',
  'أمس',
  '(الخميس)',
  'الأربعاء',
  '23',
  '٢٣',
  '۲۳',
  '2021',
  '١٤٤٥',
  '1445',
  'هـ',
  'مارس',
  'آذار/مارس',
  'رمضان',
  'جويلية',
  'شينخوا',
  'أ ف ب',
  'واس',
  'الموافق',
  'م',
  '3/24/2021',
  '2025:07:11.09:45',
  '05/04/2024',
  'منذ',
  'ساعات',
  '\n\n',
  'قال',
  'بقلم:',
  'المصدر:',
  'نقلا عن',
  'رويترز',
  'ً',
  'ـ',
  '\u200f',
  'x',
  '12:30',
  'ص',
];
const PLACES = ['القاهرة', 'بكين', 'كوالا لمبور', 'دمشق، سوريا', 'الرياض'];
const SEPS = [' ', '، ', ' في ', ' - ', '-', '/ ', ''];
const DATES = [
  '23 مارس 2021',
  '٥ آذار',
  '05 رمضان 1445 هـ الموافق 15 مارس 2024 م',
  '31 فبراير 2024',
  '5 - 3',
  'الخميس 10 يوليو 2025',
  '',
];
const AGENCY = ['(شينخوا)', '/أ ش أ/', 'واس -', '(كونا) --', '(الفرنسية) -', '(x)', ''];
const WEEKDAY_EN = new Set(WEEKDAYS.map(([, en]) => en));
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2}))?$/;

describe('generated near-miss input', () => {
  it('never throws, and every value keeps its invariants', () => {
    const r = rng(20251125);
    for (let i = 0; i < 1500; i++) {
      const n = 1 + Math.floor(r() * 14);
      const pick = (xs: readonly string[]) => xs[Math.floor(r() * xs.length)]!;
      // Half the bodies open like a dateline (place, separator, date pieces, agency) before the junk.
      let body = r() < 0.5 ? `${pick(PLACES)}${pick(SEPS)}${pick(DATES)}${pick(SEPS)}${pick(AGENCY)} ` : '';
      for (let j = 0; j < n; j++) body += pick(PIECES);
      const line = PIECES[Math.floor(r() * PIECES.length)]! + PIECES[Math.floor(r() * PIECES.length)]!;
      const m = extractMetadata({
        body,
        page: { metaLines: [{ rule: 'x', text: line }] },
        fetchedAt: r() < 0.5 ? '2025-07-11T12:00:00+03:00' : undefined,
      });
      if (m.published !== null) expect(m.published, body).toMatch(ISO);
      if (m.weekday !== null) expect(WEEKDAY_EN.has(m.weekday), body).toBe(true);
      if (m.dateline) {
        expect(body.slice(m.dateline.start, m.dateline.end), body).toBe(m.dateline.surface);
        if (m.dateline.date) expect(m.dateline.date).toMatch(ISO);
      }
      for (const p of Object.values(m.provenance)) {
        if (p.source === 'body' && p.start !== undefined) expect(body.slice(p.start, p.end)).toBe(p.text);
      }
      for (const w of m.warnings) expect(w, body).toMatch(/^[a-z-]+: /);
      for (const d of findDates(body, { relative: true, reference: '2025-07-11' })) {
        expect(body.slice(d.start, d.end)).toBe(d.surface);
        if (d.date) expect(d.date).toMatch(ISO);
      }
    }
  });
});
