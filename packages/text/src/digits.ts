import { easternDigitValue } from './chars.js';

/**
 * Replaces Arabic-Indic and Persian digits with ASCII digits, one code unit for one,
 * so every offset into the result is an offset into the input.
 */
export function toAsciiDigits(s: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const d = easternDigitValue(s.charCodeAt(i));
    if (d >= 0) {
      out += s.slice(last, i) + String.fromCharCode(0x30 + d);
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}
