import { describe, expect, it } from 'vitest';
import { addDays, findDates, fromHijri, toHijri } from '../src/index.js';

describe('Hijri conversion (Umm al-Qura)', () => {
  it('matches well-known dates', () => {
    expect(fromHijri({ y: 1445, m: 9, d: 1 })).toEqual({ y: 2024, m: 3, d: 11 }); // first of Ramadan 1445
    expect(fromHijri({ y: 1444, m: 10, d: 1 })).toEqual({ y: 2023, m: 4, d: 21 }); // Eid al-Fitr 1444
    expect(fromHijri({ y: 1444, m: 12, d: 10 })).toEqual({ y: 2023, m: 6, d: 28 }); // Eid al-Adha 1444
    expect(fromHijri({ y: 1446, m: 1, d: 1 })).toEqual({ y: 2024, m: 7, d: 7 }); // Hijri new year 1446
  });

  it('round-trips every day of every Gregorian year from 1990 to 2040', () => {
    let d = { y: 1990, m: 1, d: 1 };
    let bad = 0;
    for (let i = 0; i < 50 * 365; i++) {
      const h = toHijri(d);
      const back = h && fromHijri(h);
      if (!back || back.y !== d.y || back.m !== d.m || back.d !== d.d) bad++;
      d = addDays(d, 1);
    }
    expect(bad).toBe(0);
  });

  it('rejects days that do not exist and years outside the table, with a warning', () => {
    expect(fromHijri({ y: 1445, m: 8, d: 30 })).toBeNull(); // Shaban 1445 had 29 days
    expect(fromHijri({ y: 1600, m: 1, d: 1 })).toBeNull();
    expect(findDates('30 شعبان 1445 هـ')[0]?.warnings[0]).toMatch(/^invalid-date/);
    expect(findDates('3 رجب 1320 هـ')[0]?.warnings[0]).toMatch(/^hijri-out-of-range/);
  });
});
