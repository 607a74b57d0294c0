/**
 * BIO tag sequences to chunks, and CoNLL exact-span scoring (conlleval semantics: an I- tag that does not
 * continue a chunk of its class starts a new one).
 */
export interface Chunk {
  start: number;
  /** Exclusive. */
  end: number;
  type: string;
}

export function bioToChunks(tags: readonly string[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk | null = null;
  for (let i = 0; i < tags.length; i++) {
    const tag = tags[i]!;
    const b = tag.charCodeAt(0);
    const type = tag.length > 2 ? tag.slice(2) : '';
    if (tag === 'O' || (b !== 66 && b !== 73)) {
      if (cur) out.push(cur);
      cur = null;
    } else if (b === 66 || !cur || cur.type !== type) {
      if (cur) out.push(cur);
      cur = { start: i, end: i + 1, type };
    } else {
      cur.end = i + 1;
    }
  }
  if (cur) out.push(cur);
  return out;
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Scores {
  byType: Record<string, PRF>;
  micro: PRF;
  /** Unweighted mean of the per-type F1 (precision and recall likewise). */
  macro: { precision: number; recall: number; f1: number };
}

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

/**
 * Accumulates exact-span matches over documents: a predicted chunk counts only when start, end and type
 * all equal a gold chunk. Chunks of types outside `types` (MISC) are ignored on both sides.
 */
export class SpanScorer {
  private readonly counts = new Map<string, { tp: number; fp: number; fn: number }>();
  constructor(readonly types: readonly string[]) {
    for (const t of types) this.counts.set(t, { tp: 0, fp: 0, fn: 0 });
  }

  add(gold: readonly Chunk[], pred: readonly Chunk[]): void {
    const key = (c: Chunk) => `${c.start}:${c.end}:${c.type}`;
    const g = new Set(gold.filter((c) => this.counts.has(c.type)).map(key));
    const p = new Set(pred.filter((c) => this.counts.has(c.type)).map(key));
    for (const k of p) {
      const c = this.counts.get(k.slice(k.lastIndexOf(':') + 1))!;
      if (g.has(k)) c.tp++;
      else c.fp++;
    }
    for (const k of g) if (!p.has(k)) this.counts.get(k.slice(k.lastIndexOf(':') + 1))!.fn++;
  }

  scores(): Scores {
    const byType: Record<string, PRF> = {};
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const t of this.types) {
      const c = this.counts.get(t)!;
      byType[t] = prf(c.tp, c.fp, c.fn);
      tp += c.tp;
      fp += c.fp;
      fn += c.fn;
    }
    const n = this.types.length || 1;
    const mean = (k: 'precision' | 'recall' | 'f1') => this.types.reduce((s, t) => s + byType[t]![k], 0) / n;
    return {
      byType,
      micro: prf(tp, fp, fn),
      macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
    };
  }
}
