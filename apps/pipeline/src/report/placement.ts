// Geometry for a readable network at a few hundred nodes: push overlapping nodes apart after the
// force layout, and give permanent labels only to busy nodes whose label has room.

export interface Disc {
  x: number;
  y: number;
  r: number;
}

/** Moves discs apart until none overlap (within `gap`), keeping them inside the box. Deterministic:
 * pairs are visited in index order; O(n² × rounds), at most ~20 million steps at 300 nodes, and far fewer after a force layout. A box
 * too small for all the discs leaves some overlap rather than looping forever. */
export function separate(
  discs: Disc[],
  box: { width: number; height: number; pad: number },
  gap = 2,
  rounds = 400,
): void {
  const n = discs.length;
  for (let round = 0; round < rounds; round++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      const a = discs[i]!;
      for (let j = i + 1; j < n; j++) {
        const b = discs[j]!;
        let dx = b.x - a.x;
        let dy = b.y - a.y;
        const want = a.r + b.r + gap;
        const d2 = dx * dx + dy * dy;
        if (d2 >= want * want) continue;
        let d = Math.sqrt(d2);
        if (d < 1e-6) {
          // Coincident: split along a fixed direction that depends only on the indexes.
          const angle = ((i * 31 + j * 17) % 360) * (Math.PI / 180);
          dx = Math.cos(angle);
          dy = Math.sin(angle);
          d = 1;
        }
        const push = (want - d) / 2 / d;
        a.x -= dx * push;
        a.y -= dy * push;
        b.x += dx * push;
        b.y += dy * push;
        moved = true;
      }
    }
    for (const p of discs) {
      p.x = Math.min(box.width - box.pad, Math.max(box.pad, p.x));
      p.y = Math.min(box.height - box.pad, Math.max(box.pad, p.y));
    }
    if (!moved) break;
  }
}

export type LabelSide = 'below' | 'above' | null;

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/** A 12px label: a generous width per character, and the ink of Arabic letters around the baseline
 * (alef and lam rise ~0.9em, yaa and noon fall ~0.45em), so the check errs towards dropping a label
 * rather than letting two collide. `below`/`above`: baseline offset from the node's edge. */
export const LABEL = { charWidth: 6.6, ascent: 11.5, descent: 5.5, below: 12, above: 6 } as const;

/**
 * Chooses, busiest node first (the order given), which nodes get a permanent label and where: below
 * the node, else above it, else none (the name still shows on hover). A label never covers another
 * label or another node's disc.
 */
export function placeLabels(nodes: Array<Disc & { text: string }>, most: number): LabelSide[] {
  const placed: Rect[] = [];
  const discs: Rect[] = nodes.map((v) => ({ x0: v.x - v.r, y0: v.y - v.r, x1: v.x + v.r, y1: v.y + v.r }));
  return nodes.map((v, i) => {
    if (placed.length >= most) return null;
    const half = (Math.min(v.text.length, 40) * LABEL.charWidth) / 2 + 2;
    const at = (baseline: number): Rect => ({
      x0: v.x - half,
      x1: v.x + half,
      y0: baseline - LABEL.ascent,
      y1: baseline + LABEL.descent,
    });
    const below = at(v.y + v.r + LABEL.below);
    const above = at(v.y - v.r - LABEL.above);
    for (const [side, rect] of [
      ['below', below],
      ['above', above],
    ] as const) {
      const free =
        !placed.some((p) => overlaps(p, rect)) && !discs.some((d, j) => j !== i && overlaps(d, rect));
      if (free) {
        placed.push(rect);
        return side;
      }
    }
    return null;
  });
}
