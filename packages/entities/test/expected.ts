/** A mention as the fixtures write it (the data contract's snake_case names). */
export interface ExpectedMention {
  entity_id: string;
  type: string;
  surface: string;
  canonical_ar: string;
  canonical_en: string;
  start: number;
  end: number;
  method?: string;
  role?: string;
  why?: string;
}
