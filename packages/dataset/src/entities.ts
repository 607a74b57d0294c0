import * as aq from 'arquero';
import { compareCodeUnits } from './order.js';
import { isoDatePart } from './rows.js';
import type { ArticleRow, EntityRow, MentionRow } from './schema.js';

/**
 * Aggregate mentions into the entities table with arquero: one row per entity_id, with its
 * type and canonical names (the most frequent, ties broken by code-unit order, so one bad
 * mention cannot rename an entity), the distinct surfaces as aliases, mention_count,
 * article_count, and the first and last publication dates of the articles that mention it.
 * Rows are sorted by entity_id; the result is the same whatever order the inputs come in.
 */
export function buildEntities(
  mentions: readonly MentionRow[],
  articles: readonly Pick<ArticleRow, 'article_id' | 'published'>[],
): EntityRow[] {
  if (mentions.length === 0) return [];
  const dates = new Map<string, string | null>();
  for (const a of articles) {
    if (!dates.has(a.article_id)) {
      dates.set(a.article_id, typeof a.published === 'string' ? isoDatePart(a.published) : null);
    }
  }
  const m = aq.from(
    mentions.map((x) => ({
      entity_id: x.entity_id,
      type: x.type,
      canonical_ar: x.canonical_ar,
      canonical_en: x.canonical_en,
      surface: x.surface,
      article_id: x.article_id,
      date: dates.get(x.article_id) ?? null,
    })),
  );

  const stats = m
    .groupby('entity_id')
    .rollup({
      mention_count: aq.op.count(),
      article_count: aq.op.distinct('article_id'),
      first_published: aq.op.min('date'),
      last_published: aq.op.max('date'),
      aliases: aq.op.array_agg_distinct('surface'),
    })
    .objects() as Array<{
    entity_id: string;
    mention_count: number;
    article_count: number;
    first_published: string | undefined | null;
    last_published: string | undefined | null;
    aliases: string[];
  }>;

  // The most frequent (type, canonical_ar, canonical_en) triple per entity.
  const names = new Map<string, { type: EntityRow['type']; canonical_ar: string; canonical_en: string }>();
  const triples = m
    .groupby('entity_id', 'type', 'canonical_ar', 'canonical_en')
    .count({ as: 'n' })
    .objects() as Array<{
    entity_id: string;
    type: EntityRow['type'];
    canonical_ar: string;
    canonical_en: string;
    n: number;
  }>;
  triples.sort(
    (a, b) =>
      compareCodeUnits(a.entity_id, b.entity_id) ||
      b.n - a.n ||
      compareCodeUnits(
        `${a.type}\u0000${a.canonical_ar}\u0000${a.canonical_en}`,
        `${b.type}\u0000${b.canonical_ar}\u0000${b.canonical_en}`,
      ),
  );
  for (const t of triples) if (!names.has(t.entity_id)) names.set(t.entity_id, t);

  return stats
    .map((s) => {
      const n = names.get(s.entity_id) as {
        type: EntityRow['type'];
        canonical_ar: string;
        canonical_en: string;
      };
      return {
        entity_id: s.entity_id,
        type: n.type,
        canonical_ar: n.canonical_ar,
        canonical_en: n.canonical_en,
        aliases: [...s.aliases].sort(compareCodeUnits),
        mention_count: s.mention_count,
        article_count: s.article_count,
        first_published: s.first_published ?? null,
        last_published: s.last_published ?? null,
      };
    })
    .sort((a, b) => compareCodeUnits(a.entity_id, b.entity_id));
}
