import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { parseModel } from './codec.js';
import { PerceptronTagger, type TrainedModel } from './tagger.js';

/** File name of the shipped model, under the package's data/ folder. */
export const MODEL_FILE = 'model-anercorp.json.gz';

// The folder of this module: __dirname in the CJS build, import.meta.url in the ESM build and in sources.
function here(): string {
  if (typeof __dirname === 'string') return __dirname;
  return dirname(fileURLToPath(import.meta.url));
}

/** Where the shipped model lives: data/ beside dist/ (installed) or beside src/ (sources). */
export function defaultModelPath(): string {
  const dir = here();
  const candidates = [join(dir, '..', 'data', MODEL_FILE), join(dir, '..', '..', 'data', MODEL_FILE)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `the NER model file ${MODEL_FILE} was not found (looked in ${candidates.join(', ')}); reinstall @akhbar/entities or run "pnpm --filter @akhbar/entities train:ner"`,
    );
  }
  return found;
}

/** Reads a model file (.json or .json.gz) from disk. No network. */
export function readModel(path: string = defaultModelPath()): TrainedModel {
  if (!existsSync(path)) {
    throw new Error(
      `NER model file not found at ${path}; pass the path of a file written by train:ner, or omit it for the shipped model`,
    );
  }
  const bytes = readFileSync(path);
  const gz = bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  return parseModel((gz ? gunzipSync(bytes) : bytes).toString('utf8'));
}

let cached: PerceptronTagger | undefined;

/** The tagger with the shipped ANERcorp model, loaded once on first use (about 0.5 s). */
export function defaultModel(): PerceptronTagger {
  cached ??= new PerceptronTagger(readModel());
  return cached;
}

/** Tags PERS/LOC/ORG spans in `body` with the shipped model (see PerceptronTagger.predict). */
export function predict(
  body: string,
  tokens?: Parameters<PerceptronTagger['predict']>[1],
  gazetteerSpans?: Parameters<PerceptronTagger['predict']>[2],
) {
  return defaultModel().predict(body, tokens, gazetteerSpans);
}
