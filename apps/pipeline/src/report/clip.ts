// Names and messages come from crawled data and may be any length; the page shows at most `max` UTF-16
// code units of each (never splitting a surrogate pair), so one hostile value cannot bloat the report.
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max - 1);
  const last = s.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${s.slice(0, end)}…`;
}

/** Longest shown: names in tables and tooltips, chart labels, free-text messages and paths. */
export const MAX = { name: 120, label: 40, text: 300 } as const;
