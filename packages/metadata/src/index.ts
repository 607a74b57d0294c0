export { addDays, fromHijri, toHijri, weekdayName, type Ymd } from './calendar.js';
export { type Credit, type CreditMatch, findCredits } from './credits.js';
export { AGENCIES, type AgencyEntry } from './data/agencies.js';
export { GREGORIAN_MONTHS, HIJRI_MONTHS, LATIN_MONTHS, WEEKDAYS } from './data/months.js';
export { PLACES } from './data/places.js';
export { type Dateline, findDateline } from './dateline.js';
export { type DateForm, type DateMatch, type DateOptions, findDates, isoOf, parseDate } from './dates.js';
export { extractMetadata } from './extract.js';
export { agencyName, placeEnglish } from './lexicon.js';
export { urlDate } from './page.js';
export { PUBLISHED_TRUST } from './published.js';
export {
  chooseTitle,
  headlineProblem,
  stripSiteName,
  type TitleCandidate,
  type TitleSource,
} from './title.js';
export type {
  ArticleMetadata,
  DateCandidate,
  DatelineField,
  MetadataInput,
  PageMetaInput,
  Provenance,
  PublishedSource,
} from './types.js';
export { findWeekdays, type WeekdayMention } from './weekday.js';
