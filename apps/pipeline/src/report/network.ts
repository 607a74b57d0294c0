// The co-mention network of people and organisations: an edge when two appear in the same article,
// weighted by the number of such articles. The layout (ForceAtlas2) and communities (Louvain) are
// computed here, at build time, so the page only draws fixed coordinates.
import * as aq from 'arquero';
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { placeLabels, separate } from './placement.js';
import type { NetworkEdge, NetworkNode, ReportData, ReportInput } from './types.js';

export const NETWORK_SIZE = { width: 1000, height: 680, pad: 36 } as const;

const round1 = (v: number) => Math.round(v * 10) / 10;

export function coMentionNetwork(
  input: ReportInput,
  opts: { maxNodes: number; maxEdges: number; labels: number },
): ReportData['network'] {
  const empty = { nodes: [], edges: [], candidates: 0, pairs: 0, minWeight: 0 };
  const isActor = input.entities.map((e) => e.type === 'PERSON' || e.type === 'ORG');
  const seen = aq
    .table({ article: input.mentions.article, entity: input.mentions.entity })
    .filter(aq.escape((d: { entity: number }) => isActor[d.entity] === true))
    .dedupe('article', 'entity');
  if (seen.numRows() === 0 || opts.maxNodes === 0) return empty;

  const counts = seen.groupby('entity').count({ as: 'n' }).objects() as Array<{ entity: number; n: number }>;
  const id = (e: number) => input.entities[e]!.entity_id;
  counts.sort((x, y) => y.n - x.n || (id(x.entity) < id(y.entity) ? -1 : 1));
  const candidates = counts.slice(0, opts.maxNodes);
  const articlesOf = new Map(candidates.map((c) => [c.entity, c.n]));

  // Pairs are counted in a loop rather than an arquero self-join: a join materialises every pair of
  // every article at once, the loop keeps one counter per distinct pair.
  const byArticle = seen
    .filter(aq.escape((d: { entity: number }) => articlesOf.has(d.entity)))
    .orderby('article', 'entity');
  const art = byArticle.array('article') as ArrayLike<number>;
  const ent = byArticle.array('entity') as ArrayLike<number>;
  const span = input.entities.length;
  const pairCount = new Map<number, number>();
  for (let i = 0; i < art.length; ) {
    let j = i;
    while (j < art.length && art[j] === art[i]) j++;
    for (let p = i; p < j; p++) {
      for (let q = p + 1; q < j; q++) {
        const key = ent[p]! * span + ent[q]!;
        pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
      }
    }
    i = j;
  }
  const pairs = [...pairCount].map(([key, w]) => ({ a: Math.floor(key / span), b: key % span, w }));
  pairs.sort((x, y) => y.w - x.w || x.a - y.a || x.b - y.b);

  // Drop the weakest edges a whole weight class at a time, so that which of two equal edges is drawn
  // never depends on sort order.
  let kept = pairs;
  let minWeight = pairs.length > 0 ? pairs[pairs.length - 1]!.w : 0;
  if (pairs.length > opts.maxEdges) {
    const cut = pairs[opts.maxEdges]!.w;
    kept = pairs.filter((p) => p.w > cut);
    minWeight = cut + 1;
    if (kept.length === 0) {
      kept = pairs.slice(0, opts.maxEdges);
      minWeight = cut;
    }
  }
  if (kept.length === 0) return { ...empty, candidates: candidates.length };

  const linked = new Set(kept.flatMap((p) => [p.a, p.b]));
  const order = candidates.map((c) => c.entity).filter((e) => linked.has(e));
  const graph = new Graph({ type: 'undirected' });
  // Deterministic start: a sunflower spiral by rank, the busiest nodes in the middle.
  order.forEach((e, rank) => {
    const r = Math.sqrt(rank + 0.5);
    const angle = rank * 2.399963229728653;
    graph.addNode(String(e), {
      x: r * Math.cos(angle),
      y: r * Math.sin(angle),
      size: articlesOf.get(e) ?? 1,
    });
  });
  for (const p of kept) graph.addEdge(String(p.a), String(p.b), { weight: p.w });

  const settings = forceAtlas2.inferSettings(graph);
  forceAtlas2.assign(graph, {
    iterations: graph.order > 150 ? 400 : 600,
    getEdgeWeight: 'weight',
    settings: {
      ...settings,
      linLogMode: false,
      gravity: 1,
      scalingRatio: 8,
      barnesHutOptimize: graph.order > 400,
    },
  });
  // Nodes are visited in insertion order (no random walk), so the communities are the same on every build.
  const community = louvain(graph, { getEdgeWeight: 'weight', randomWalk: false });

  // Communities are renumbered by size (then by their busiest member) so colours are stable.
  const members = new Map<number, string[]>();
  for (const key of graph.nodes()) {
    const c = community[key] ?? 0;
    const list = members.get(c) ?? [];
    list.push(key);
    members.set(c, list);
  }
  const rankOf = new Map(order.map((e, r) => [String(e), r]));
  const ranked = [...members.entries()].sort(
    (x, y) =>
      y[1].length - x[1].length ||
      Math.min(...x[1].map((k) => rankOf.get(k)!)) - Math.min(...y[1].map((k) => rankOf.get(k)!)),
  );
  const renumber = new Map(ranked.map(([c], i) => [c, i]));

  // Fit the layout into the drawing box, keeping its aspect ratio.
  const xs = graph.mapNodes((_, at) => at.x as number);
  const ys = graph.mapNodes((_, at) => at.y as number);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const { width, height, pad } = NETWORK_SIZE;
  const scale = Math.min((width - 2 * pad) / (x1 - x0 || 1), (height - 2 * pad) / (y1 - y0 || 1));
  const cx = (width - (x1 - x0) * scale) / 2;
  const cy = (height - (y1 - y0) * scale) / 2;

  const index = new Map(order.map((e, i) => [e, i]));
  const maxArticles = Math.max(...order.map((e) => articlesOf.get(e) ?? 0));
  const nodes: NetworkNode[] = order.map((e) => {
    const key = String(e);
    const at = graph.getNodeAttributes(key);
    const info = input.entities[e]!;
    const articles = articlesOf.get(e) ?? 0;
    return {
      id: info.entity_id,
      ar: info.canonical_ar,
      en: info.canonical_en,
      type: info.type as 'PERSON' | 'ORG',
      articles,
      degree: graph.degree(key),
      community: renumber.get(community[key] ?? 0) ?? 0,
      x: cx + ((at.x as number) - x0) * scale,
      y: cy + ((at.y as number) - y0) * scale,
      r: round1(3 + 10 * Math.sqrt(articles / maxArticles)),
      label: null,
    };
  });
  separate(nodes, NETWORK_SIZE);
  const sides = placeLabels(
    nodes.map((v) => ({ x: v.x, y: v.y, r: v.r, text: v.ar })),
    opts.labels,
  );
  nodes.forEach((v, i) => {
    v.x = round1(v.x);
    v.y = round1(v.y);
    v.label = sides[i] ?? null;
  });
  const edges: NetworkEdge[] = kept.map((p) => ({ s: index.get(p.a)!, t: index.get(p.b)!, w: p.w }));
  return { nodes, edges, candidates: candidates.length, pairs: pairs.length, minWeight };
}
