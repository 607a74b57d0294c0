// Shapes shared by the report's loader, aggregation and rendering.

export type EntityType = 'PERSON' | 'ORG' | 'LOC';

/** The columns of a run that the report reads, interned and without bodies, so 100,000 articles stay small. */
export interface ReportInput {
  articles: {
    article_id: string[];
    site: (string | null)[];
    agency: (string | null)[];
    published: (string | null)[];
    has_title: boolean[];
    dateline_place: (string | null)[];
    duplicate: boolean[];
  };
  /** One row per mention: indexes into `articles` and `entities`. */
  mentions: { article: number[]; entity: number[] };
  /** Distinct entities met in mentions (first row wins for names), indexed by `mentions.entity`. */
  entities: Array<{ entity_id: string; type: EntityType; canonical_ar: string; canonical_en: string }>;
  removed: { rule: string[]; article: number[] };
  errors: Array<{ source_path: string; stage: string; message: string }>;
  /** Distinct pipeline_version values of the articles, sorted. */
  versions: string[];
  /** Problems met while reading (missing tables, unreadable lines, mentions of unknown articles). */
  warnings: string[];
}

export interface ReportOptions {
  /** Heading of the page; defaults to the input folder's name. */
  title?: string;
  /** The timeline shown first: stacked by `agency` (the site when an article has no agency) or by `site`.
   * The page holds both and switches between them. */
  stackBy?: 'agency' | 'site';
  /** Sources shown by name in the timeline; the rest are stacked as "Other". Default 8. */
  topSources?: number;
  /** Rows of the entity table, per type and overall. Default 30. */
  topEntities?: number;
  /** Most nodes drawn in the co-mention network (people and organisations by article count). Default 200. */
  networkNodes?: number;
  /** Most edges drawn; the weakest are dropped whole weight classes at a time. Default 800. */
  networkEdges?: number;
  /** Nodes labelled permanently; the others show their name on hover. Default 40. */
  networkLabels?: number;
  /** Dateline places shown. Default 25. */
  topPlaces?: number;
  /** Sites listed in the sources table. Default 20. */
  topSites?: number;
  /** Removal rules shown. Default 20. */
  topRules?: number;
  /** Error rows listed verbatim (the rest are counted by stage and message). Default 50. */
  errorSamples?: number;
}

export interface TimelineRow {
  month: string; // YYYY-MM
  source: string;
  n: number;
}

export interface TimelineView {
  rows: TimelineRow[];
  /** Stack order (largest first), "Other" last when present. */
  sources: string[];
}

export interface EntityRow {
  entity_id: string;
  type: EntityType;
  canonical_ar: string;
  canonical_en: string;
  mention_count: number;
  article_count: number;
  /** Earliest and latest publication day (YYYY-MM-DD) of the dated articles naming it. */
  first_seen: string | null;
  last_seen: string | null;
  /** In the overall top list (shown under "All"). */
  top_all: boolean;
}

export interface NetworkNode {
  id: string;
  ar: string;
  en: string;
  type: 'PERSON' | 'ORG';
  articles: number;
  degree: number;
  community: number;
  x: number;
  y: number;
  /** Radius in px: 3 to 13 by the square root of the article count. */
  r: number;
  /** Where its permanent label sits; null: the name shows on hover only. */
  label: 'below' | 'above' | null;
}

export interface NetworkEdge {
  s: number; // index into nodes
  t: number;
  w: number; // articles in which both appear
}

export interface ReportData {
  title: string;
  versions: string[];
  summary: {
    articles: number;
    dated: number;
    first: string | null;
    last: string | null;
    sources: number;
    entities: number;
    mentions: number;
    removed: number;
    errors: number;
    duplicates: number;
  };
  timeline: {
    /** The view shown first; both are in the page. */
    stackBy: 'agency' | 'site';
    undated: number;
    views: Record<'agency' | 'site', TimelineView>;
  };
  entities: { rows: EntityRow[]; totals: Record<EntityType, number> };
  network: {
    nodes: NetworkNode[];
    edges: NetworkEdge[];
    candidates: number; // people and organisations considered
    pairs: number; // distinct co-mentioned pairs among them
    minWeight: number;
  };
  datelines: { rows: Array<{ place: string; n: number }>; places: number; without: number };
  /** Per site (largest first): article count, date range, and how many have each field. */
  sources: {
    rows: Array<{
      site: string;
      articles: number;
      first: string | null;
      last: string | null;
      dated: number;
      titled: number;
      agency: number;
      dateline: number;
      duplicates: number;
    }>;
    total: number;
  };
  quality: {
    missing: Array<{ field: 'date' | 'title' | 'agency' | 'dateline'; n: number }>;
    rules: Array<{ rule: string; n: number; articles: number }>;
    rulesTotal: number;
    removedTotal: number;
    errorsByStage: Array<{ stage: string; n: number }>;
    errorMessages: Array<{ stage: string; message: string; n: number }>;
    errorSamples: Array<{ source_path: string; stage: string; message: string }>;
    errorsTotal: number;
  };
  warnings: string[];
}
