/**
 * The texts of the tagger's differential snapshot (test/fixtures/tagger-snapshot.json): every fixture body
 * and sentence of the repository, then texts generated from a fixed seed that mix their words and the
 * gazetteer's names with proclitics, diacritics, tatweel, Latin, digits, punctuation and odd code units,
 * and hostile input (long runs of one character). Deterministic: the same list on every run and machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenize } from '@akhbar/text';
import { builtInGazetteer } from '../src/index.js';
import { PERSON_TITLES } from '../src/lexicon.js';
import { mulberry32 } from '../src/model/perceptron.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures');

function fixtureTexts(): string[] {
  const out: string[] = [];
  const expected = join(fixtures, 'expected');
  for (const f of readdirSync(expected).sort())
    if (f.endsWith('.json')) out.push(JSON.parse(readFileSync(join(expected, f), 'utf8')).body);
  const raw = join(fixtures, 'raw');
  for (const f of readdirSync(raw).sort())
    if (f.endsWith('.txt')) out.push(readFileSync(join(raw, f), 'utf8'));
  const text = join(fixtures, 'boilerplate', 'text');
  for (const f of readdirSync(text).sort())
    if (f.endsWith('.txt')) out.push(readFileSync(join(text, f), 'utf8'));
  const constructed = JSON.parse(readFileSync(join(fixtures, 'entities', 'constructed.json'), 'utf8')) as {
    sentences: { text: string }[];
  };
  for (const s of constructed.sentences) out.push(s.text);
  return out;
}

const PROCLITICS = ['', '', '', 'و', 'ب', 'ل', 'ال', 'لل', 'وال', 'بال', 'فال', 'ك', 'ف', 'ولل'];
const MARKS = ['\u064e', '\u064f', '\u0650', '\u0651', '\u0652', '\u064b', '\u064c', '\u064d', '\u0670'];
const ODD = [
  '\u0640', // tatweel
  '\u200c', // ZWNJ
  '\u200d', // ZWJ
  '\u00a0', // NBSP
  '\u200f', // RLM
  '\ufeff', // BOM
  '\ufefb', // presentation form لا
  '\u06cc', // Persian yeh
  '\u06a9', // Persian kaf
  '\ud83d\ude00', // an emoji (surrogate pair)
  '\ud800', // a lone surrogate
];
const PUNCT = ['،', '؛', '؟', '.', ',', ':', '"', '«', '»', '(', ')', '-', '–', '!', '/', '\n', '\n\n', '\t'];
const LATIN = ['Xinhua', 'UN', 'Reuters', "O'Brien", 'e-mail', 'Covid-19', 'AFP', 'Élysée', 'x2'];
const NUMBERS = ['2020', '1,000', '3.5', '٢٠٢٠', '١٬٠٠٠', '٣٫٥', '۱۴۰۲', '24', '0'];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** A word with random marks, tatweel or odd code units inside it. */
function decorate(r: () => number, w: string): string {
  let out = '';
  for (const ch of w) {
    out += ch;
    const x = r();
    if (x < 0.12) out += pick(r, MARKS);
    else if (x < 0.15) out += '\u0640';
    else if (x < 0.16) out += pick(r, ODD);
  }
  return out;
}

function generated(words: string[], names: string[]): string[] {
  // Seeded, so the texts never depend on Math.random.
  const r = mulberry32(20261126);
  const out: string[] = [];
  for (let t = 0; t < 100; t++) {
    const parts: string[] = [];
    const len = 20 + Math.floor(r() * 280);
    const decorated = t % 3 === 0; // a third of the texts carry marks everywhere
    for (let k = 0; k < len; k++) {
      const x = r();
      let w: string;
      if (x < 0.45) w = pick(r, words);
      else if (x < 0.7) w = pick(r, PROCLITICS) + pick(r, names);
      else if (x < 0.78) w = pick(r, PUNCT);
      else if (x < 0.83) w = pick(r, LATIN);
      else if (x < 0.88) w = pick(r, NUMBERS);
      else if (x < 0.9) w = pick(r, ODD);
      else w = pick(r, words) + pick(r, PUNCT);
      if (decorated || r() < 0.05) w = decorate(r, w);
      parts.push(w);
      // Mostly spaces between words; sometimes none (glued punctuation) or several.
      const s = r();
      parts.push(s < 0.85 ? ' ' : s < 0.93 ? '' : s < 0.97 ? '  ' : '\u00a0');
    }
    out.push(parts.join(''));
  }
  return out;
}

/** Long runs of one character and other input no article has, but a scraper can produce. */
function hostile(): string[] {
  const runs = ['ا', 'ـ', '\u064e', '،', ' ', 'a', '1', '٣', '\u200c', '\ufefb', '\ud83d\ude00', '.', 'ال'];
  const out = ['', ' ', '\n\n\n', 'ال', 'و', 'لل', 'بال'];
  for (const c of runs) out.push(c.repeat(2000));
  out.push('بوتين'.repeat(1000));
  out.push('بوتين '.repeat(300));
  out.push('الرئيس '.repeat(400));
  out.push('وزير الخارجية '.repeat(200));
  out.push('منظمة '.repeat(400));
  out.push('منظمة الصحة العالمية '.repeat(200));
  out.push(`قال الرئيس ${'ـ'.repeat(2000)}بوتين`);
  out.push(`قال الرئيس بو${'\u064e'.repeat(2000)}تين`);
  return out;
}

export function snapshotTexts(): string[] {
  const base = fixtureTexts();
  const words = [...new Set(base.flatMap((b) => tokenize(b).map((t) => t.text)))].sort();
  const names = new Set<string>();
  for (const e of builtInGazetteer())
    for (const a of [e.canonicalAr, ...e.aliases, ...e.shortForms]) names.add(a);
  for (const w of PERSON_TITLES) names.add(w);
  return [...base, ...generated(words, [...names].sort()), ...hostile()];
}
