// Turns the run's columns into the small aggregates the page shows. Everything the HTML carries is
// computed here, so the page's size depends on the caps in the options, not on the corpus.
import * as aq from 'arquero';
import { coMentionNetwork } from './network.js';
import type {
  EntityRow,
  EntityType,
  ReportData,
  ReportInput,
  ReportOptions,
  TimelineRow,
  TimelineView,
} from './types.js';

const { op } = aq;

export const DEFAULTS = {
  stackBy: 'agency',
  topSources: 8,
  topEntities: 30,
  networkNodes: 200,
  networkEdges: 800,
  networkLabels: 40,
  topPlaces: 25,
  topRules: 20,
  topSites: 20,
  errorSamples: 50,
} as const satisfies Omit<Required<ReportOptions>, 'title'>;

export const OTHER = 'Other';
export const UNKNOWN_SOURCE = '(unknown)';

/** 'YYYY-MM' of an ISO date or date-time, or null when the value is not one. */
export function monthOf(published: string | null): string | null {
  if (published === null) return null;
  const m = /^(\d{4})-(\d{2})/.exec(published);
  if (m === null) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? `${m[1]}-${m[2]}` : null;
}

const byCountThenName =
  <T>(count: (x: T) => number, name: (x: T) => string) =>
  (a: T, b: T) =>
    count(b) - count(a) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);

/** Dated articles per month and source, the `top` largest sources named and the rest as "Other". */
function timelineView(month: (string | null)[], source: string[], top: number): TimelineView {
  const t = aq.table({ month, source }).filter((d: { month: string | null }) => d.month !== null);
  const totals = t.groupby('source').count({ as: 'n' }).objects() as Array<{ source: string; n: number }>;
  totals.sort(
    byCountThenName(
      (x) => x.n,
      (x) => x.source,
    ),
  );
  const named = totals.slice(0, top).map((x) => x.source);
  const keep = new Set(named);
  const rows = t
    .derive({ source: aq.escape((d: { source: string }) => (keep.has(d.source) ? d.source : OTHER)) })
    .groupby('month', 'source')
    .count({ as: 'n' })
    .orderby('month', 'source')
    .objects() as unknown as TimelineRow[];
  return { rows, sources: totals.length > named.length ? [...named, OTHER] : named };
}

function timeline(input: ReportInput, o: typeof DEFAULTS | Required<ReportOptions>): ReportData['timeline'] {
  const a = input.articles;
  const month = a.published.map(monthOf);
  const byAgency = a.article_id.map((_, i) => a.agency[i] ?? a.site[i] ?? UNKNOWN_SOURCE);
  const bySite = a.site.map((s) => s ?? UNKNOWN_SOURCE);
  return {
    stackBy: o.stackBy,
    undated: month.filter((m) => m === null).length,
    views: {
      agency: timelineView(month, byAgency, o.topSources),
      site: timelineView(month, bySite, o.topSources),
    },
  };
}

function entities(
  input: ReportInput,
  top: number,
): { table: EntityRow[]; totals: Record<EntityType, number> } {
  // The calendar day of each mention's article, for the first and last dates an entity was seen.
  const day = input.articles.published.map((p) => (monthOf(p) === null ? null : (p as string).slice(0, 10)));
  const counts = aq
    .table({
      article: input.mentions.article,
      entity: input.mentions.entity,
      day: input.mentions.article.map((a) => day[a] ?? null),
    })
    .groupby('entity')
    .rollup({
      mention_count: op.count(),
      article_count: op.distinct('article'),
      first_seen: op.min('day'),
      last_seen: op.max('day'),
    })
    .objects() as Array<{
    entity: number;
    mention_count: number;
    article_count: number;
    first_seen: string | null | undefined;
    last_seen: string | null | undefined;
  }>;
  const all = counts.map((c) => {
    const e = input.entities[c.entity]!;
    return {
      ...e,
      mention_count: c.mention_count,
      article_count: c.article_count,
      first_seen: c.first_seen ?? null,
      last_seen: c.last_seen ?? null,
      top_all: false,
    };
  });
  all.sort(
    (x, y) =>
      y.article_count - x.article_count ||
      y.mention_count - x.mention_count ||
      (x.entity_id < y.entity_id ? -1 : 1),
  );
  const totals: Record<EntityType, number> = { PERSON: 0, ORG: 0, LOC: 0 };
  const perType: Record<EntityType, number> = { PERSON: 0, ORG: 0, LOC: 0 };
  const table: EntityRow[] = [];
  all.forEach((row, rank) => {
    totals[row.type]++;
    const inType = perType[row.type]++ < top;
    row.top_all = rank < top;
    if (row.top_all || inType) table.push(row);
  });
  return { table, totals };
}

function datelines(input: ReportInput, top: number): ReportData['datelines'] {
  const t = aq
    .table({ place: input.articles.dateline_place })
    .filter((d: { place: string | null }) => d.place !== null)
    .groupby('place')
    .count({ as: 'n' });
  const rows = t.objects() as Array<{ place: string; n: number }>;
  rows.sort(
    byCountThenName(
      (x) => x.n,
      (x) => x.place,
    ),
  );
  const withPlace = rows.reduce((s, r) => s + r.n, 0);
  return {
    rows: rows.slice(0, top),
    places: rows.length,
    without: input.articles.article_id.length - withPlace,
  };
}

/** Per site: how much each contributes and how complete its articles are. */
function siteTable(input: ReportInput, top: number): ReportData['sources'] {
  const a = input.articles;
  const rows = aq
    .table({
      site: a.site.map((x) => x ?? UNKNOWN_SOURCE),
      day: a.published.map((p) => (monthOf(p) === null ? null : (p as string).slice(0, 10))),
      dated: a.published.map((p) => monthOf(p) !== null),
      titled: a.has_title,
      agency: a.agency.map((x) => x !== null),
      dateline: a.dateline_place.map((x) => x !== null),
      duplicate: a.duplicate,
    })
    .groupby('site')
    .rollup({
      articles: op.count(),
      first: op.min('day'),
      last: op.max('day'),
      dated: op.sum('dated'),
      titled: op.sum('titled'),
      agency: op.sum('agency'),
      dateline: op.sum('dateline'),
      duplicates: op.sum('duplicate'),
    })
    .objects() as Array<Record<string, unknown>>;
  const out = rows.map((r) => ({
    site: String(r.site),
    articles: Number(r.articles),
    first: (r.first as string | undefined) ?? null,
    last: (r.last as string | undefined) ?? null,
    dated: Number(r.dated ?? 0),
    titled: Number(r.titled ?? 0),
    agency: Number(r.agency ?? 0),
    dateline: Number(r.dateline ?? 0),
    duplicates: Number(r.duplicates ?? 0),
  }));
  out.sort(
    byCountThenName(
      (x) => x.articles,
      (x) => x.site,
    ),
  );
  return { rows: out.slice(0, top), total: out.length };
}

function quality(input: ReportInput, o: typeof DEFAULTS | Required<ReportOptions>): ReportData['quality'] {
  const a = input.articles;
  const lacking = aq
    .table({
      date: a.published.map((p) => monthOf(p) === null),
      title: a.has_title.map((h) => !h),
      agency: a.agency.map((x) => x === null),
      dateline: a.dateline_place.map((x) => x === null),
    })
    .rollup({
      date: op.sum('date'),
      title: op.sum('title'),
      agency: op.sum('agency'),
      dateline: op.sum('dateline'),
    })
    .object() as Record<'date' | 'title' | 'agency' | 'dateline', number | undefined>;
  const missing = (['date', 'title', 'agency', 'dateline'] as const).map((field) => ({
    field,
    n: Number(lacking[field] ?? 0),
  }));

  const rules = aq
    .table({ rule: input.removed.rule, article: input.removed.article })
    .groupby('rule')
    .rollup({ n: op.count(), articles: op.distinct('article') })
    .objects() as Array<{ rule: string; n: number; articles: number }>;
  rules.sort(
    byCountThenName(
      (x) => x.n,
      (x) => x.rule,
    ),
  );

  const errors = aq.from(input.errors);
  const byStage = (
    input.errors.length === 0 ? [] : errors.groupby('stage').count({ as: 'n' }).objects()
  ) as Array<{ stage: string; n: number }>;
  byStage.sort(
    byCountThenName(
      (x) => x.n,
      (x) => x.stage,
    ),
  );
  const messages = (
    input.errors.length === 0 ? [] : errors.groupby('stage', 'message').count({ as: 'n' }).objects()
  ) as Array<{ stage: string; message: string; n: number }>;
  messages.sort(
    byCountThenName(
      (x) => x.n,
      (x) => `${x.stage}\u0000${x.message}`,
    ),
  );
  const samples = [...input.errors].sort((x, y) =>
    x.source_path < y.source_path ? -1 : x.source_path > y.source_path ? 1 : x.message < y.message ? -1 : 1,
  );
  return {
    missing,
    rules: rules.slice(0, o.topRules),
    rulesTotal: rules.length,
    removedTotal: input.removed.rule.length,
    errorsByStage: byStage,
    errorMessages: messages.slice(0, 20),
    errorSamples: samples.slice(0, o.errorSamples),
    errorsTotal: input.errors.length,
  };
}

/** Every figure the report shows, from the run's columns. Pure and deterministic. */
export function aggregate(input: ReportInput, options: ReportOptions = {}): ReportData {
  const o = { ...DEFAULTS, title: 'akhbar dataset', ...options };
  for (const k of Object.keys(DEFAULTS) as Array<keyof typeof DEFAULTS>) {
    const v = o[k];
    if (k !== 'stackBy' && !(Number.isInteger(v) && (v as number) >= 0)) {
      throw new Error(`report: option ${k} must be a whole number >= 0, got ${String(v)}`);
    }
  }
  if (o.stackBy !== 'agency' && o.stackBy !== 'site') {
    throw new Error(`report: option stackBy must be 'agency' or 'site', got ${String(o.stackBy)}`);
  }
  const a = input.articles;
  const tl = timeline(input, o);
  const ents = entities(input, o.topEntities);
  const dated = a.published.map((p) => (monthOf(p) === null ? null : (p as string).slice(0, 10)));
  const days = dated.filter((d): d is string => d !== null).sort();
  const sources = new Set(a.article_id.map((_, i) => a.agency[i] ?? a.site[i] ?? UNKNOWN_SOURCE));
  return {
    title: o.title,
    versions: input.versions,
    summary: {
      articles: a.article_id.length,
      dated: days.length,
      first: days[0] ?? null,
      last: days[days.length - 1] ?? null,
      sources: sources.size,
      entities: input.entities.length,
      mentions: input.mentions.article.length,
      removed: input.removed.rule.length,
      errors: input.errors.length,
      duplicates: a.duplicate.filter(Boolean).length,
    },
    timeline: tl,
    entities: { rows: ents.table, totals: ents.totals },
    network: coMentionNetwork(input, {
      maxNodes: o.networkNodes,
      maxEdges: o.networkEdges,
      labels: o.networkLabels,
    }),
    datelines: datelines(input, o.topPlaces),
    sources: siteTable(input, o.topSites),
    quality: quality(input, o),
    warnings: input.warnings,
  };
}
