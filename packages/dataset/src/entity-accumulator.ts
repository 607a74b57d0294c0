import { type ColumnBatch, columnReader } from './column-batch.js';
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
  /** The same as add() with the article's mentions as a column batch (what writeColumns takes). */
  addColumns(article: Pick<ArticleRow, 'article_id' | 'published'>, mentions: ColumnBatch<'mentions'>): void;
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
/** One article's mentions, field by field (from row objects or from columns). */
interface Mentions {
  size: number;
  articleId(k: number): unknown;
  entityId(k: number): string;
  type(k: number): string;
  canonicalAr(k: number): string;
  canonicalEn(k: number): string;
  surface(k: number): string;
}

/**
 * What add() remembers per entity besides its state: the last name key, to skip rebuilding it, and
 * the last alias added (an entity is mostly written the same way: most mentions then cost no look-up
 * in `aliases`). Counts stay in the state as they come: state() hands out the live maps.
 */
interface Tally {
  e: EntityState;
  type: string;
  ar: string;
  en: string;
  key: string;
  /** The surface last added to `e.aliases`. */
  alias: string | null;
  /** The add() call that last counted an article for it. */
  article: number;
}

export function createEntityAccumulator(options: EntityAccumulatorOptions = {}): EntityAccumulator {
  const entities = new Map<string, EntityState>();
  const tallies = new Map<string, Tally>();
  let adds = 0;
  const check = options.checkRepeats !== false;
  const seen = new Set<string>();
  const add = (article: Pick<ArticleRow, 'article_id' | 'published'>, m: Mentions) => {
    if (check) {
      if (seen.has(article.article_id)) {
        throw new Error(
          `Article '${article.article_id}' was added twice; add each article once with all its mentions.`,
        );
      }
      seen.add(article.article_id);
    }
    const date = typeof article.published === 'string' ? isoDatePart(article.published) : null;
    const call = ++adds;
    for (let k = 0; k < m.size; k++) {
      const id = m.entityId(k);
      const owner = m.articleId(k);
      if (owner !== article.article_id)
        throw new Error(`Mention of '${id}' belongs to article '${owner}', not '${article.article_id}'.`);
      let t = tallies.get(id);
      if (!t) {
        let e = entities.get(id);
        if (!e) {
          e = { mentions: 0, articles: 0, first: null, last: null, aliases: new Set(), names: new Map() };
          entities.set(id, e);
        }
        t = { e, type: '', ar: '', en: '', key: '', alias: null, article: 0 };
        tallies.set(id, t);
      }
      const e = t.e;
      e.mentions++;
      const surface = m.surface(k);
      if (surface !== t.alias) {
        e.aliases.add(surface);
        t.alias = surface;
      }
      const type = m.type(k);
      const ar = m.canonicalAr(k);
      const en = m.canonicalEn(k);
      if (t.key === '' || type !== t.type || ar !== t.ar || en !== t.en) {
        t.type = type;
        t.ar = ar;
        t.en = en;
        t.key = `${type}\u0000${ar}\u0000${en}`;
      }
      e.names.set(t.key, (e.names.get(t.key) ?? 0) + 1);
      if (t.article !== call) {
        t.article = call;
        e.articles++;
        if (date !== null) {
          if (e.first === null || date < e.first) e.first = date;
          if (e.last === null || date > e.last) e.last = date;
        }
      }
    }
  };
  return {
    add(article, mentions) {
      const at = (k: number) => mentions[k] as MentionRow;
      add(article, {
        size: mentions.length,
        articleId: (k) => at(k).article_id,
        entityId: (k) => at(k).entity_id,
        type: (k) => at(k).type,
        canonicalAr: (k) => at(k).canonical_ar,
        canonicalEn: (k) => at(k).canonical_en,
        surface: (k) => at(k).surface,
      });
    },
    addColumns(article, batch) {
      const get = (name: string) => columnReader(batch, name) as (k: number) => string;
      add(article, {
        size: batch.rows,
        articleId: get('article_id'),
        entityId: get('entity_id'),
        type: get('type'),
        canonicalAr: get('canonical_ar'),
        canonicalEn: get('canonical_en'),
        surface: get('surface'),
      });
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
