// The stages the app composes; each is a pure function of its input (see the packages' READMEs).
export { decodeHtml, type StripResult, stripHtml, stripText } from '@akhbar/boilerplate';
export {
  createTagger,
  defaultModel,
  type GazetteerEntry,
  type Mention,
  parseGazetteer,
  type Tagger,
} from '@akhbar/entities';
export { type ArticleMetadata, extractMetadata } from '@akhbar/metadata';
