import { tokenize } from '@akhbar/text';
import type { Doc } from './doc.js';
import { derivedId } from './ids.js';
import type { EntityModel, Mention } from './types.js';

export function addModelSpans(doc: Doc, model: EntityModel, out: Mention[]): void {
  const known = out.slice().sort((a, b) => a.start - b.start);
  const spans = model.predict(doc.body, tokenize(doc.body), known);
  if (!Array.isArray(spans))
    throw new Error('model.predict must return an array of {start, end, type, confidence}');
  // Characters already in a mention; a span touching one is dropped (linear, whatever the number of spans).
  const taken = new Uint8Array(doc.body.length);
  for (const m of known) taken.fill(1, m.start, m.end);
  const free = (s: number, e: number) => {
    for (let c = s; c < e; c++) if (taken[c]) return false;
    return true;
  };
  for (const sp of spans) {
    const { start, end, type, confidence } = sp;
    if (
      !(
        Number.isInteger(start) &&
        Number.isInteger(end) &&
        start >= 0 &&
        end <= doc.body.length &&
        start < end
      )
    ) {
      throw new Error(`model span [${start}, ${end}) is outside the body (length ${doc.body.length})`);
    }
    if (type !== 'PERSON' && type !== 'ORG' && type !== 'LOC') {
      throw new Error(`model span type "${String(type)}" is not PERSON, ORG or LOC`);
    }
    if (!free(start, end)) continue;
    const surface = doc.body.slice(start, end);
    out.push({
      entityId: derivedId('model', type, surface),
      type,
      surface,
      canonicalAr: surface,
      canonicalEn: '',
      start,
      end,
      method: 'model',
      confidence,
    });
    taken.fill(1, start, end);
  }
}
