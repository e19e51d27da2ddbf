import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const client = await import('./client');
const { toErrorInfo } = await import('./errors');

describe('toErrorInfo', () => {
  it('passes a well-formed ErrorInfo through, keeping the field errors', () => {
    const e = { code: 'validation', message: 'bad', fields: [{ field: 'title', message: 'req' }] };
    expect(toErrorInfo(e)).toEqual(e);
  });

  it('drops malformed field entries and defaults missing fields to []', () => {
    expect(toErrorInfo({ code: 'conflict', message: 'taken' })).toEqual({
      code: 'conflict',
      message: 'taken',
      fields: [],
    });
    const e = toErrorInfo({ code: 'validation', message: 'x', fields: [{ field: 1 }, null] });
    expect(e.fields).toEqual([]);
  });

  it('turns strings, Errors and unknown codes into internal errors', () => {
    expect(toErrorInfo('boom')).toEqual({ code: 'internal', message: 'boom', fields: [] });
    expect(toErrorInfo(new TypeError('no ipc'))).toMatchObject({ code: 'internal', message: 'no ipc' });
    expect(toErrorInfo({ code: 'nope', message: 'x' })).toMatchObject({ code: 'internal' });
    expect(toErrorInfo(undefined).message).toBeTruthy();
  });
});

describe('client', () => {
  beforeEach(() => {
    invoke.mockReset();
  });

  it('invokes the command with camelCase argument names', async () => {
    invoke.mockResolvedValue({ release: {} });
    await client.linkCi('REL-1', 'pay-api', '4.2.0');
    expect(invoke).toHaveBeenCalledWith('link_ci', { release: 'REL-1', ci: 'pay-api', version: '4.2.0' });
    await client.updateRelease('REL-1', {} as never);
    expect(invoke).toHaveBeenLastCalledWith('update_release', { key: 'REL-1', input: {} });
  });

  it('rejects with ErrorInfo, normalising unknown rejections', async () => {
    invoke.mockImplementation(async () => {
      throw { code: 'not_found', message: 'no REL-9', fields: [] };
    });
    await expect(client.getRelease('REL-9')).rejects.toEqual({
      code: 'not_found',
      message: 'no REL-9',
      fields: [],
    });
    invoke.mockImplementation(async () => {
      throw new TypeError('window.__TAURI_INTERNALS__ is undefined');
    });
    await expect(client.appState()).rejects.toMatchObject({ code: 'internal' });
  });
});
