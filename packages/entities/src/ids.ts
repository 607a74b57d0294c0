import { phraseKey } from './index-build.js';
import type { EntityType } from './types.js';

const TYPE_PREFIX: Record<EntityType, string> = { PERSON: 'per', ORG: 'org', LOC: 'loc' };

/** Id of an entity found outside the gazetteer: `<method>:<type>:<normalized key with _ for spaces>`. */
export function derivedId(method: 'pattern' | 'model', type: EntityType, surface: string): string {
  return `${method}:${TYPE_PREFIX[type]}:${phraseKey(surface).replace(/ /g, '_')}`;
}
