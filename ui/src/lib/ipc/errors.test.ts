import { describe, expect, it } from 'vitest';
import type { ErrorInfo } from './bindings';
import { refusalText } from './errors';

const refusal = (message: string, fields: string[] = []): ErrorInfo => ({
  code: 'validation',
  message,
  fields: fields.map((m, i) => ({ field: `f${i}`, message: m })),
});

describe('refusalText', () => {
  it('joins the field messages when the core names fields', () => {
    expect(refusalText(refusal('Invalid input.', ['Version is empty.', 'Key is taken.']))).toBe('Version is empty. Key is taken.');
  });

  it('falls back to the message otherwise', () => {
    expect(refusalText(refusal('Not found.'))).toBe('Not found.');
  });
});
