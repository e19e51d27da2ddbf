import { describe, expect, it } from 'vitest';
import { difference, formatHead, formatSize, releaseCount } from './format';

describe('backup wording', () => {
  it('words sizes, heads, counts and the difference with the open plan', () => {
    expect(formatSize(900)).toBe('900 B');
    expect(formatSize(860_000)).toBe('840 KB');
    expect(formatSize(89_468_928)).toBe('85.3 MB');
    expect(formatHead({ audit_seq: 110148, audit_hash: 'f85dc71ce976aa00' })).toBe('#110,148 · f85dc71ce9');
    expect(releaseCount(1)).toBe('1 release');
    expect(releaseCount(5000)).toBe('5,000 releases');
    expect(difference(40, 20)).toBe('20 more than now');
    expect(difference(10, 12)).toBe('2 fewer than now');
    expect(difference(10, 10)).toBe('');
    expect(difference(10, null)).toBe('');
  });
});
