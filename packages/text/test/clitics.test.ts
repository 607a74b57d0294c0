import { describe, expect, it } from 'vitest';
import { normalizeKey, PROCLITICS, procliticSplits } from '../src/index.js';

const stems = (w: string) => procliticSplits(normalizeKey(w)).map((s) => s.stem);

describe('procliticSplits', () => {
  it('offers the unsplit word first, then each admissible split', () => {
    expect(stems('ولافروف')).toEqual(['ولافروف', 'لافروف', 'افروف']);
    expect(stems('بالصين')).toContain('صين');
    expect(stems('بالصين')).toContain('الصين');
    expect(stems('للأمم')).toContain('امم');
    expect(stems('وللأمم')).toContain('امم');
    expect(stems('وبكين')).toContain('بكين');
  });

  it('knows the combinations', () => {
    for (const p of [
      'و',
      'ف',
      'ب',
      'ل',
      'ك',
      'ال',
      'وال',
      'بال',
      'فال',
      'لل',
      'ولل',
      'وب',
      'ول',
      'فبال',
      'وكال',
    ]) {
      expect(PROCLITICS).toContain(p);
    }
    expect(PROCLITICS).not.toContain('وال'.repeat(2));
    expect(PROCLITICS).not.toContain('س');
  });

  it('marks the article', () => {
    const s = procliticSplits('للصين').find((x) => x.stem === 'صين');
    expect(s?.prefix).toBe('لل');
    expect(s?.article).toBe(true);
  });

  it('never leaves a stem shorter than two letters', () => {
    expect(stems('وال')).toEqual(['وال', 'ال']);
  });
});
