import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { keyHash, normalize, normalizeKey, scanTokens, toSourceSpan } from '../src/index.js';

const RAW = join(__dirname, '../../../fixtures/raw');

describe('normalize', () => {
  it('folds alef forms, yeh, teh marbuta and hamza carriers', () => {
    expect(normalizeKey('أإآٱا')).toBe('ااااا');
    expect(normalizeKey('مصطفى')).toBe('مصطفي');
    expect(normalizeKey('الجامعة')).toBe('الجامعه');
    expect(normalizeKey('مؤتمر')).toBe('موتمر');
    expect(normalizeKey('رئيس')).toBe('رييس');
  });

  it('drops diacritics, tatweel, zero-width and bidi marks', () => {
    expect(normalizeKey('عَبَّرَا')).toBe('عبرا');
    expect(normalizeKey('بوتيـــن')).toBe('بوتين');
    expect(normalizeKey('شي\u200cجين\u200fبينغ')).toBe('شيجينبينغ');
  });

  it('maps digits and spaces one to one', () => {
    expect(normalizeKey('٢٠٢١ ۱۴۰۰')).toBe('2021 1400');
    expect(normalizeKey('a\u00a0b\tc')).toBe('a b c');
  });

  it('folds Persian letter forms and presentation forms', () => {
    expect(normalizeKey('کی')).toBe('كي');
    expect(normalizeKey('\ufefb')).toBe('لا'); // lam-alef ligature expands to two letters
  });

  it('can leave folds off', () => {
    expect(normalizeKey('الجامعة', { tehMarbuta: false })).toBe('الجامعة');
    expect(normalizeKey('أحمد', { alef: false })).toBe('أحمد');
  });

  it('maps key spans back to the source', () => {
    const src = 'قال الرئيسُ الروسيّ فلاديمير بوتيـن';
    const n = normalize(src);
    const at = n.text.indexOf('بوتين');
    const [s, e] = toSourceSpan(n, at, at + 'بوتين'.length);
    expect(src.slice(s, e)).toBe('بوتيـن');
    const at2 = n.text.indexOf('الروسي');
    const [s2, e2] = toSourceSpan(n, at2, at2 + 6);
    expect(src.slice(s2, e2)).toBe('الروسيّ'); // the trailing shadda belongs to the word
  });

  it('keeps surrogate pairs whole', () => {
    const n = normalize('a😀ب');
    expect(n.text).toBe('a😀ب');
    expect(toSourceSpan(n, 1, 3)).toEqual([1, 3]);
  });

  it('rejects a span outside the key', () => {
    expect(() => toSourceSpan(normalize('abc'), 2, 9)).toThrow(RangeError);
  });

  it('maps every key character of the seed articles into the source in order', () => {
    for (const f of readdirSync(RAW)) {
      const src = readFileSync(join(RAW, f), 'utf8');
      const n = normalize(src);
      expect(n.starts.length).toBe(n.text.length);
      for (let i = 1; i < n.starts.length; i++) expect(n.starts[i]!).toBeGreaterThanOrEqual(n.starts[i - 1]!);
      // Every key word found again in the source through the map normalizes back to itself.
      for (const m of n.text.matchAll(/[\u0600-\u06ff]+/g)) {
        const [s, e] = toSourceSpan(n, m.index, m.index + m[0].length);
        expect(normalizeKey(src.slice(s, e))).toBe(m[0]);
      }
    }
  });
});

// The seeds, and the units whose fold is not one unit or nothing: ligatures, surrogates, accented Latin.
const ODD_SAMPLES = [
  ...readdirSync(RAW).map((f) => readFileSync(join(RAW, f), 'utf8')),
  'ﻻ ﷲ ﷺ الرئيس بِـــكين',
  'Xinhua 😀 \ud800 شي جين بينغ',
  'İSTANBUL ǅ Straße ١٢٣ ۴۵',
  '',
];

describe('normalizeKey', () => {
  // normalizeKey skips the offset map; it must still give exactly normalize's key.
  it('equals normalize(...).text on the seeds and on ligatures, surrogates and Latin', () => {
    for (const s of ODD_SAMPLES) {
      expect(normalizeKey(s)).toBe(normalize(s).text);
      expect(normalizeKey(s, { tehMarbuta: false, diacritics: false })).toBe(
        normalize(s, { tehMarbuta: false, diacritics: false }).text,
      );
    }
  });
});

describe('keyHash', () => {
  // The reference: FNV-1a over the code units of the key string itself.
  const fnv = (s: string) => {
    let h = 0x811c9dc5;
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    return h >>> 0;
  };
  it('is FNV-1a of normalizeKey of the span, for every token of the seeds and of odd text', () => {
    let tokens = 0;
    for (const s of ODD_SAMPLES) {
      scanTokens(s, (start, end) => {
        tokens++;
        expect(keyHash(s, start, end)).toBe(fnv(normalizeKey(s.slice(start, end))));
      });
      expect(keyHash(s)).toBe(fnv(normalizeKey(s)));
    }
    expect(tokens).toBeGreaterThan(1000);
    expect(keyHash('')).toBe(fnv(''));
  });
});
