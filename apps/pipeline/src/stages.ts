// Composition of the stage packages. Each stage is a pure function of its input.
//
// MINIMAL ADAPTERS (temporary): while a stage package still exports only its placeholder, the app
// uses the tiny stand-in below so the pipeline runs end to end. Each stand-in is removed as soon as
// the real stage lands; none of them is meant to do the stage's job well.
import * as boilerplate from '@akhbar/boilerplate';
import * as entities from '@akhbar/entities';
import * as metadata from '@akhbar/metadata';

export interface Removal {
  rule: string;
  kind: string;
  text: string;
  start: number;
  end: number;
}
export interface TitleCandidate {
  text: string;
  source: string;
}
export interface StripResult {
  body: string;
  source: string;
  removed: Removal[];
  titleCandidates: TitleCandidate[];
  page: Record<string, unknown>;
  warnings: string[];
}
export interface ArticleMetadata {
  title: string | null;
  published: string | null;
  published_source: string | null;
  weekday: string | null;
  dateline: { place: string | null } | null;
  agency: { name: string } | null;
  warnings: string[];
}
export interface Mention {
  entityId: string;
  type: string;
  surface: string;
  canonicalAr: string;
  canonicalEn: string;
  start: number;
  end: number;
  method: string;
  confidence: number;
}
export interface GazetteerEntry {
  [key: string]: unknown;
}
export interface Tagger {
  tag(body: string): Mention[];
}

type Fn = (...args: never[]) => unknown;
function exported<T extends Fn>(mod: object, name: string): T | undefined {
  const f = (mod as Record<string, unknown>)[name];
  return typeof f === 'function' ? (f as T) : undefined;
}

// --- stand-in for @akhbar/boilerplate (temporary) ---
function standInStripText(raw: string): StripResult {
  const paras = raw
    .split(/\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  return { body: paras.join('\n\n'), source: raw, removed: [], titleCandidates: [], page: {}, warnings: [] };
}
function standInStripHtml(html: string): StripResult {
  // Linear scan, no backtracking regex: drop script/style contents and tags, keep text lines.
  const out: string[] = [];
  const lower = html.toLowerCase();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      out.push(html.slice(i));
      break;
    }
    out.push(html.slice(i, lt));
    const gt = html.indexOf('>', lt);
    if (gt < 0) break;
    const tag = lower.slice(lt + 1, Math.min(gt, lt + 8));
    if (tag.startsWith('script') || tag.startsWith('style')) {
      const close = lower.indexOf(tag.startsWith('script') ? '</script' : '</style', gt);
      i = close < 0 ? html.length : close;
      continue;
    }
    if (/^\/?(p|div|br|h\d|li|tr|section|article)\b/.test(tag)) out.push('\n');
    i = gt + 1;
  }
  const r = standInStripText(out.join(''));
  return { ...r, source: html };
}
// --- end stand-in ---

export const stripText: (raw: string, options?: object) => StripResult =
  exported(boilerplate, 'stripText') ?? standInStripText;
export const stripHtml: (input: string, options?: { url?: string; contentType?: string }) => StripResult =
  exported(boilerplate, 'stripHtml') ?? standInStripHtml;

export const extractMetadata: (input: {
  body: string;
  titleCandidates?: TitleCandidate[];
  page?: Record<string, unknown>;
  url?: string;
  fetchedAt?: string;
  sidecar?: Record<string, unknown>;
}) => ArticleMetadata =
  exported(metadata, 'extractMetadata') ??
  (() => ({
    title: null,
    published: null,
    published_source: null,
    weekday: null,
    dateline: null,
    agency: null,
    warnings: [],
  }));

const realCreateTagger = exported<(o?: { extra?: GazetteerEntry[] }) => Tagger>(entities, 'createTagger');
export function createTagger(extra: GazetteerEntry[] = []): Tagger {
  return realCreateTagger ? realCreateTagger({ extra }) : { tag: () => [] };
}
export const parseGazetteer: ((text: string, format: 'json' | 'csv') => GazetteerEntry[]) | undefined =
  exported(entities, 'parseGazetteer');

/** Which stages are still stand-ins; tests skip expectations for those. */
export const standIns = {
  boilerplate: !exported(boilerplate, 'stripText'),
  metadata: !exported(metadata, 'extractMetadata'),
  entities: !realCreateTagger,
};
