export { type Decoded, type DecodeOptions, decodeHtml } from './charset.js';
export { stripHtml } from './html.js';
export { stripText } from './text.js';
export type {
  Block,
  BlockKind,
  PageMeta,
  Removal,
  RemovalKind,
  StripHtmlOptions,
  StripResult,
  StripTextOptions,
  TitleCandidate,
} from './types.js';
