// The learned tagger of @akhbar/entities (issue 9): an averaged perceptron trained on ANERcorp.
export {
  type AlignedSentence,
  alignSentence,
  gazetteerTags,
  joinSentences,
  spansToTokenTags,
  tagCorpus,
} from './align.js';
export { parseModel, serializeModel } from './codec.js';
export { type CombineOptions, combineMentions, modelEntityId } from './combine.js';
export { canonicalTag, parseConll, type TaggedSentence } from './conll.js';
export { defaultModel, defaultModelPath, MODEL_FILE, predict, readModel } from './load.js';
export { bioToChunks, type Chunk, type PRF, type Scores, SpanScorer } from './spans.js';
export { type ModelInfo, type NerModel, PerceptronTagger, type TrainedModel } from './tagger.js';
export { CITATION, calibrateTemperature, LICENCE, type TrainModelOptions, trainModel } from './train.js';
export type { GazetteerSpan, MentionLike, NerClass } from './types.js';
