/** Confidence by how a mention was found. */
export const CONFIDENCE = {
  gazetteer: 0.99,
  alias: 0.95,
  /** A lone surname (لافروف) with no fuller mention of the person in the document. */
  bareSurname: 0.9,
  coref: 0.9,
  title: 0.85,
  /** An alias shared by several entities, resolved by other entities in the document (عمان with مسقط). */
  contextResolved: 0.85,
  /** An alias shared by several entities with nothing in the document to choose: the first listed wins. */
  ambiguous: 0.6,
  patternPerson: 0.6,
  patternLoc: 0.55,
  patternOrg: 0.5,
  /** A discovered name met again without its trigger (a family name alone, or the whole name). */
  patternRepeat: 0.5,
} as const;
