import { compareCodeUnits } from '../order.js';

/** What the changelog compares: per article a fingerprint of its row, and the entity ids. */
export interface ReleaseSnapshot {
  version: string;
  articles: Map<string, string>;
  entities: Set<string>;
  mentions: number;
}

export interface ReleaseDiff {
  added: string[];
  removed: string[];
  changed: string[];
  entitiesAdded: string[];
  entitiesRemoved: string[];
}

export function diffReleases(previous: ReleaseSnapshot, current: ReleaseSnapshot): ReleaseDiff {
  const added: string[] = [];
  const changed: string[] = [];
  const removed: string[] = [];
  for (const [id, fp] of current.articles) {
    const before = previous.articles.get(id);
    if (before === undefined) added.push(id);
    else if (before !== fp) changed.push(id);
  }
  for (const id of previous.articles.keys()) if (!current.articles.has(id)) removed.push(id);
  const entitiesAdded = [...current.entities].filter((e) => !previous.entities.has(e));
  const entitiesRemoved = [...previous.entities].filter((e) => !current.entities.has(e));
  for (const list of [added, changed, removed, entitiesAdded, entitiesRemoved]) list.sort(compareCodeUnits);
  return { added, removed, changed, entitiesAdded, entitiesRemoved };
}

/** Ids listed in full up to this many per list; beyond it the changelog gives the count. */
export const CHANGELOG_LIST_LIMIT = 1000;

function idList(title: string, ids: string[]): string[] {
  if (ids.length === 0) return [];
  const shown = ids.slice(0, CHANGELOG_LIST_LIMIT).map((id) => `- ${id}`);
  if (ids.length > CHANGELOG_LIST_LIMIT) shown.push(`- … and ${ids.length - CHANGELOG_LIST_LIMIT} more`);
  return [`### ${title}`, '', ...shown, ''];
}

/**
 * CHANGELOG.md: this version's section (against the previous release, if any) followed by the
 * previous release's own sections, so the file tells the whole history.
 */
export function buildChangelog(
  name: string,
  current: ReleaseSnapshot,
  previous: ReleaseSnapshot | null,
  previousText: string | null,
): string {
  const lines = [`# Changelog: ${name}`, '', `## v${current.version}`, ''];
  if (previous === null) {
    lines.push(
      `First release: ${current.articles.size} articles, ${current.entities.size} entities, ${current.mentions} mentions.`,
      '',
    );
  } else {
    const d = diffReleases(previous, current);
    lines.push(`Compared with v${previous.version}:`, '');
    lines.push(
      `- Articles: ${current.articles.size} (was ${previous.articles.size}): ${d.added.length} added, ${d.removed.length} removed, ${d.changed.length} changed.`,
    );
    lines.push(
      `- Entities: ${current.entities.size} (was ${previous.entities.size}): ${d.entitiesAdded.length} new, ${d.entitiesRemoved.length} no longer found.`,
    );
    lines.push(`- Mentions: ${current.mentions} (was ${previous.mentions}).`, '');
    lines.push(
      'An article is changed when any column other than pipeline_version differs (the body through content_sha256).',
      '',
    );
    lines.push(
      ...idList('Articles added', d.added),
      ...idList('Articles removed', d.removed),
      ...idList('Articles changed', d.changed),
    );
    lines.push(
      ...idList('Entities new', d.entitiesAdded),
      ...idList('Entities no longer found', d.entitiesRemoved),
    );
  }
  if (previousText) {
    const start = previousText.indexOf('\n## ');
    if (start >= 0) lines.push(previousText.slice(start + 1).trimEnd(), '');
  }
  return lines.join('\n');
}
