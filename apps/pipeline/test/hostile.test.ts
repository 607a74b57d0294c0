// Hostile inputs go through every stage (decode, boilerplate, metadata, entities, dedupe) in
// bounded time: the test timeout is the bound; nothing here is timed. Each gives a row or an
// errors row, never a hang or a crash.
import { describe, expect, it } from 'vitest';
import { processTask, type Task } from '../src/process.js';

const opts = { pipelineVersion: 'test', maxBytes: 64 * 1024 * 1024 };
const task = (kind: 'text' | 'html', text: string): Task => ({
  sourcePath: 'x',
  identity: 'x',
  inputKey: 'x',
  kind,
  bytes: new TextEncoder().encode(text),
});

const MB = 1024 * 1024;
const cases: Array<[string, 'text' | 'html', () => string]> = [
  [
    'a 5 MB single line of Arabic words',
    'text',
    () => 'قال وزير الخارجية الصيني وانغ يي '.repeat(Math.ceil((5 * MB) / 33)).slice(0, 5 * MB),
  ],
  [
    'a 5 MB single line of HTML',
    'html',
    () => `<html><body><p>${'الصين وروسيا، '.repeat(400_000)}</p></body></html>`,
  ],
  [
    '100,000 nested tags',
    'html',
    () => `<html><body>${'<div>'.repeat(100_000)}نص عربي قصير${'</div>'.repeat(100_000)}</body></html>`,
  ],
  ['100,000 unclosed nested tags', 'html', () => `<html><body>${'<div><span>'.repeat(100_000)}نص`],
  ['a long run of one Arabic letter', 'text', () => 'ا'.repeat(2 * MB)],
  ['a long run of "<"', 'html', () => `<html><body>${'<'.repeat(2 * MB)}</body></html>`],
  ['a long run of dots and spaces', 'text', () => `نص ${'. '.repeat(MB)}`],
  ['a long run of diacritics and tatweel', 'text', () => `ب${'ـَ'.repeat(MB)}`],
  ['a long run of digits', 'text', () => `بكين ${'٣'.repeat(MB)} (شينخوا)`],
  ['many short lines of bullets', 'text', () => '• 3/24/2021\n• 00:00\n'.repeat(100_000)],
  ['an attribute that never closes', 'html', () => `<html><body><a href="${'x'.repeat(MB)}`],
];

describe('hostile inputs finish in bounded time', () => {
  // The bound is the timeout (generous for a loaded CI machine); nothing is timed.
  it.each(cases)('%s', { timeout: 180_000 }, (_name, kind, make) => {
    const r = processTask(task(kind, make()), opts);
    if (r.article) {
      expect(typeof r.article.body).toBe('string');
      for (const m of r.mentions) expect(r.article.body.slice(m.start, m.end)).toBe(m.surface);
    } else {
      expect(r.errors.length).toBeGreaterThan(0);
    }
  });
});
