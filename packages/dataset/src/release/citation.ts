import { stringify } from 'yaml';
import type { ReleaseInfo } from './model.js';

/** A plain-text citation: 'Creators (year). Title (Version X.Y.Z) [Data set]. URL' */
export function citationText(info: ReleaseInfo): string {
  const who = info.creators.map((c) => c.name).join(', ');
  const year = info.date ? ` (${info.date.slice(0, 4)})` : '';
  const url = info.homepage ? ` ${info.homepage}` : '';
  return `${who}${year}. ${info.title} (Version ${info.version}) [Data set].${url}`;
}

/** CITATION.cff (Citation File Format 1.2.0), type dataset. */
export function buildCitation(info: ReleaseInfo): string {
  const cff: Record<string, unknown> = {
    'cff-version': '1.2.0',
    message: 'If you use this dataset, please cite it as below.',
    type: 'dataset',
    title: info.title,
    version: info.version,
    abstract: info.description,
    authors: info.creators.map((c) => {
      const a: Record<string, unknown> = {};
      if (c.kind === 'Person') {
        const space = c.name.lastIndexOf(' ');
        if (space > 0) {
          a['given-names'] = c.name.slice(0, space);
          a['family-names'] = c.name.slice(space + 1);
        } else a.name = c.name;
      } else a.name = c.name;
      if (c.orcid) a.orcid = c.orcid.startsWith('http') ? c.orcid : `https://orcid.org/${c.orcid}`;
      if (c.affiliation) a.affiliation = c.affiliation;
      if (c.email) a.email = c.email;
      return a;
    }),
    keywords: ['Arabic', 'news', 'named entities', 'media studies'],
  };
  if (info.license !== 'other') cff.license = info.license;
  if (info.date) cff['date-released'] = info.date;
  if (info.homepage) cff.url = info.homepage;
  return stringify(cff, { lineWidth: 0 });
}
