import { describe, expect, it } from 'vitest';
import { extractMetadata } from '../src/index.js';
import { readSnapshot } from './metadata-snapshot.js';

// Inputs and outputs recorded by test/make-metadata-snapshot.ts (see the fixture's madeWith and why).
const snapshot = readSnapshot();

describe('metadata snapshot: the same output as when the snapshot was made', () => {
  it('covers fixture, stripped, generated and hostile inputs with every kind of finding', () => {
    const outs = snapshot.cases.map((c) => c.output);
    expect(snapshot.cases.length).toBeGreaterThan(700);
    expect(snapshot.cases.some((c) => c.input.body.length >= 1_000_000)).toBe(true);
    expect(outs.filter((o) => o.dateline).length).toBeGreaterThan(200);
    expect(outs.filter((o) => o.weekday).length).toBeGreaterThan(50);
    expect(outs.filter((o) => o.credits.length > 0).length).toBeGreaterThan(50);
    expect(outs.filter((o) => o.published_source === 'inferred').length).toBeGreaterThan(10);
  });
  it('every input, field for field', () => {
    snapshot.cases.forEach(({ input, output }, i) => {
      // Stringified, so key order and absent keys count too: byte-identical output.
      expect(JSON.stringify(extractMetadata(input)), `input ${i}`).toBe(JSON.stringify(output));
    });
  });
});
