import { compareCodeUnits } from './order.js';
import { isoDatePart } from './rows.js';
import type { ArticleRow, EntityRow, MentionRow } from './schema.js';

/** What the accumulator keeps per entity (plain data: it survives structured clone to another thread). */
export interface EntityState {
  mentions: number;
  articles: number;
  first: string | null;
  last: string | null;
  aliases: Set<string>;
  /** Count per 'type\0canonical_ar\0canonical_en'. */
  names: Map<string, number>;
}

export interface EntityAccumulator {
  /** Add one article's mentions (call once per article, even with no mentions). */
  add(article: Pick<ArticleRow, 'article_id' | 'published'>, mentions: readonly MentionRow[]): void;
  /** The entities table so far: the same rows buildEntities gives for the same input. */
  rows(): EntityRow[];
  /** Everything accumulated so far, as plain data (Maps and Sets), e.g. to send from a worker thread. */
  state(): EntityAccumulatorState;
  /**
   * Add what another accumulator gathered over other articles (a worker's share of a run). The
   * result is the same as if its articles had been added here; an article in both is refused.
   */
  merge(other: EntityAccumulatorState): void;
}

export interface EntityAccumulatorState {
  entities: Map<string, EntityState>;
  articles: Set<string>;
}

export interface EntityAccumulatorOptions {
  /**
   * Keep the set of article ids seen, to refuse an article added or merged twice (default true). It
   * is the one part that grows with the number of articles (some 80 bytes each): a caller whose
   * articles are disjoint by construction, such as a pipeline merging per-range accumulators over
   * ten million articles, turns it off.
   */
  checkRepeats?: boolean;
}

/**
 * The entities table built one article at a time, for runs whose mentions do not fit in memory:
 * it keeps per entity only counters, dates, its distinct aliases and name variants, and the set of
 * article ids seen (to refuse an article added twice). buildEntities does the same aggregation with
 * arquero over all mentions at once; a test checks that both agree.
 */
export function createEntityAccumulator(options: EntityAccumulatorOptions = {}): EntityAccumulator {
  const entities = new Map<string, EntityState>();
  const check = options.checkRepeats !== false;
  const seen = new Set<string>();
  return {
    add(article, mentions) {
      if (check) {
        if (seen.has(article.article_id)) {
          throw new Error(
            `Article '${article.article_id}' was added twice; add each article once with all its mentions.`,
          );
        }
        seen.add(article.article_id);
      }
      const date = typeof article.published === 'string' ? isoDatePart(article.published) : null;
      const inArticle = new Set<string>();
      for (const m of mentions) {
        if (m.article_id !== article.article_id) {
          throw new Error(
            `Mention of '${m.entity_id}' belongs to article '${m.article_id}', not '${article.article_id}'.`,
          );
        }
        let e = entities.get(m.entity_id);
        if (!e) {
          e = { mentions: 0, articles: 0, first: null, last: null, aliases: new Set(), names: new Map() };
          entities.set(m.entity_id, e);
        }
        e.mentions++;
        e.aliases.add(m.surface);
        const key = `${m.type}\u0000${m.canonical_ar}\u0000${m.canonical_en}`;
        e.names.set(key, (e.names.get(key) ?? 0) + 1);
        if (!inArticle.has(m.entity_id)) {
          inArticle.add(m.entity_id);
          e.articles++;
          if (date !== null) {
            if (e.first === null || date < e.first) e.first = date;
            if (e.last === null || date > e.last) e.last = date;
          }
        }
      }
    },
    state() {
      return { entities, articles: seen };
    },
    merge(other) {
      if (check) {
        for (const id of other.articles) {
          if (seen.has(id))
            throw new Error(`Article '${id}' was added twice; add each article once with all its mentions.`);
          seen.add(id);
        }
      }
      for (const [id, o] of other.entities) {
        const e = entities.get(id);
        if (!e) {
          entities.set(id, {
            ...o,
            aliases: new Set(o.aliases),
            names: new Map(o.names),
          });
          continue;
        }
        e.mentions += o.mentions;
        e.articles += o.articles;
        if (o.first !== null && (e.first === null || o.first < e.first)) e.first = o.first;
        if (o.last !== null && (e.last === null || o.last > e.last)) e.last = o.last;
        for (const a of o.aliases) e.aliases.add(a);
        for (const [k, n] of o.names) e.names.set(k, (e.names.get(k) ?? 0) + n);
      }
    },
    rows() {
      return [...entities]
        .sort((a, b) => compareCodeUnits(a[0], b[0]))
        .map(([id, e]) => {
          // Most frequent name triple, ties broken by code-unit order (as buildEntities does).
          const [best] = [...e.names].sort((x, y) => y[1] - x[1] || compareCodeUnits(x[0], y[0]));
          const [type, canonical_ar, canonical_en] = (best as [string, number])[0].split('\u0000') as [
            EntityRow['type'],
            string,
            string,
          ];
          return {
            entity_id: id,
            type,
            canonical_ar,
            canonical_en,
            aliases: [...e.aliases].sort(compareCodeUnits),
            mention_count: e.mentions,
            article_count: e.articles,
            first_published: e.first,
            last_published: e.last,
          };
        });
    },
  };
}
