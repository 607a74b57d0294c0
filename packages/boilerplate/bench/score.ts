// Scoring of the Zyte article-extraction benchmark (evaluate.py there): `\w+` tokens (Unicode letters,
// digits, underscore), multisets of 4-token shingles, each document's TP/FP/FN normalised by their sum,
// precision and recall averaged over documents, F1 from the two averages.

const TOKEN_RE = /[\p{L}\p{N}\p{Mn}\p{Pc}]+/gu;

export function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN_RE) ?? [];
  const out = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const s = tokens.slice(i, i + n).join(' ');
    if (s) out.set(s, (out.get(s) ?? 0) + 1);
  }
  return out;
}

export interface DocScore {
  tp: number;
  fp: number;
  fn: number;
}

export function scoreDoc(truth: string, predicted: string): DocScore {
  const t = shingles(truth);
  const p = shingles(predicted);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [s, c] of p) {
    const k = t.get(s) ?? 0;
    tp += Math.min(c, k);
    fp += Math.max(0, c - k);
  }
  for (const [s, c] of t) fn += Math.max(0, c - (p.get(s) ?? 0));
  const sum = tp + fp + fn;
  return sum === 0 ? { tp: 0, fp: 0, fn: 0 } : { tp: tp / sum, fp: fp / sum, fn: fn / sum };
}

export interface Summary {
  precision: number;
  recall: number;
  f1: number;
  docs: number;
}

export function summarize(scores: DocScore[]): Summary {
  let p = 0;
  let pn = 0;
  let r = 0;
  let rn = 0;
  for (const s of scores) {
    if (s.tp + s.fp > 0) {
      p += s.tp / (s.tp + s.fp);
      pn++;
    }
    if (s.tp + s.fn > 0) {
      r += s.tp / (s.tp + s.fn);
      rn++;
    }
  }
  const precision = pn ? p / pn : 0;
  const recall = rn ? r / rn : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, docs: scores.length };
}
