import { assembleBody } from './assemble.js';
import { applyTextRules } from './classify.js';
import { splitLines } from './lines.js';
import type { StripResult, StripTextOptions } from './types.js';

/**
 * Strips a text capture: each non-blank line is a candidate paragraph; furniture lines are removed
 * with their rule, kind and span in `raw` (which is returned as `source`), the headline is offered as
 * a title candidate, metadata lines go to `page.metaLines`.
 */
export function stripText(raw: string, options: StripTextOptions = {}): StripResult {
  if (typeof raw !== 'string') {
    throw new TypeError('stripText expects a string; decode bytes first (stripHtml accepts bytes for HTML)');
  }
  const source = raw;
  const lines = splitLines(source);
  const outcome = applyTextRules(source, lines, {
    headline: true,
    maxRuleLineLength: options.maxRuleLineLength ?? 1200,
  });
  const { body, blocks, warnings } = assembleBody(source, outcome.kept);
  if (source.length > 0 && body.length === 0) warnings.push('no article text left after removing furniture');
  return {
    body,
    source,
    removed: outcome.removed,
    titleCandidates: outcome.titleCandidates,
    page: { metaLines: outcome.metaLines },
    blocks,
    warnings,
  };
}
