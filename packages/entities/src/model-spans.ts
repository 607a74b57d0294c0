import { tokenize } from '@akhbar/text';
import type { Doc } from './doc.js';
import { combineMentions } from './model/combine.js';
import type { EntityModel, Mention } from './types.js';

/**
 * Runs the model over the document and merges its spans into the gazetteer's mentions through
 * combineMentions, the one place that decides between the two (see model/combine.ts).
 */
export function addModelSpans(doc: Doc, model: EntityModel, mentions: Mention[]): Mention[] {
  const known = mentions.slice().sort((a, b) => a.start - b.start);
  const spans = model.predict(doc.body, tokenize(doc.body), known);
  if (!Array.isArray(spans))
    throw new Error('model.predict must return an array of {start, end, type, confidence}');
  for (const sp of spans) {
    const { start, end, type } = sp;
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
  }
  return combineMentions(known, spans, doc.body) as Mention[];
}
