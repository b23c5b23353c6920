import { describe, expect, it } from '@jest/globals';
import { word } from '../i18n/i18n.js';
import { normalizePersonName, personNameProblem } from './person-name.js';

// The problem in words (English), or null.
const check = (raw: string) => {
  const problem = personNameProblem(normalizePersonName(raw));
  return problem ? word(problem, 'en') : null;
};

describe('names of people', () => {
  it.each([
    [' 王 芳 ', '王芳'],
    ['王\u3000芳', '王芳'],
    ['\t王芳\n', '王芳'],
    ['\ufeff王芳', '王芳'], // a byte-order mark before the name (a spreadsheet's first cell)
    ['John   Smith', 'John Smith'],
    ['王 John', '王 John'],
    ['阿依古丽 • 买买提', '阿依古丽·买买提'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['阿依古丽‧买买提', '阿依古丽·买买提'],
    ['阿依古丽．买买提', '阿依古丽·买买提'],
    ['阿依古丽･买买提', '阿依古丽·买买提'],
    ['\u0041\u030a  b ', '\u00c5 b'],
  ])('%j becomes %j', (raw, normal) => {
    expect(normalizePersonName(raw)).toBe(normal);
    expect(check(raw)).toBeNull();
  });

  it.each([
    ['a zero-width space', '王\u200b芳'],
    ['only a zero-width space', '\u200b'],
    ['a zero-width joiner', '王\u200d芳'],
    ['a right-to-left override', '王\u202e芳'],
    ['a direction isolate', '\u2066王芳\u2069'],
    ['a byte-order mark inside', '王\ufeff芳'],
    ['a lone high surrogate', '王\ud800芳'],
    ['a lone low surrogate', '王\udc00'],
    ['a replacement character', '王\ufffd'],
    ['markup', '<script>alert(1)</script>'],
    ['a greater-than sign', '王>芳'],
    ['a NUL', 'a\u0000b'],
    ['a bell', 'a\u0007b'],
    ['blank', '   '],
    ['51 characters', '名'.repeat(51)],
  ])('refuses %s', (_label, raw) => {
    expect(check(raw)).toEqual(expect.any(String));
  });

  it('counts characters, not UTF-16 units: 50 characters outside the basic plane are fine', () => {
    expect(check('𠀀'.repeat(50))).toBeNull();
    expect(check('𠀀'.repeat(51))).toEqual(expect.any(String));
  });
});
