import { describe, expect, it } from 'vitest';
import { stripHtml, stripText } from '../src/index.js';
import { pageBytes, readSnapshot, textResult } from './strip-snapshot.js';

// Inputs and outputs recorded by test/make-strip-snapshot.ts (see the fixture's madeWith and why).
const snapshot = readSnapshot();

describe('strip snapshot: the same output as when the snapshot was made', () => {
  it('covers fixture, generated, synthetic and hostile inputs', () => {
    expect(snapshot.texts.length).toBeGreaterThan(400);
    expect(snapshot.texts.some((t) => t.text.length >= 1_000_000)).toBe(true);
    expect(snapshot.texts.flatMap((t) => t.result.removed).length).toBeGreaterThan(1000);
    expect(snapshot.pages.length).toBeGreaterThan(30);
  });
  it('stripText: every text, field for field', () => {
    snapshot.texts.forEach(({ text, result }, i) => {
      const r = stripText(text);
      expect(r.source).toBe(text);
      // Stringified, so key order and absent keys count too: byte-identical output.
      expect(JSON.stringify(textResult(r)), `text ${i}`).toBe(JSON.stringify(result));
    });
  });
  it('stripHtml: every page, field for field', () => {
    for (const { page, result } of snapshot.pages) {
      const r = stripHtml(pageBytes(page), { contentType: page.contentType });
      expect(JSON.stringify(r), `page ${page.name}`).toBe(JSON.stringify(result));
    }
  });
});
