// The client and the fake core against the shell's list of commands (commands.ts, generated from
// src-tauri/src/command_list.rs): a command without a client function, a function invoking a
// name the shell lacks, or a fake for one, fails here.

import { describe, expect, it, vi } from 'vitest';
import fakeCoreSource from '../../test/fakeCore.ts?raw';
import { COMMANDS, E2E_COMMANDS } from './commands';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

const client = await import('./client');

describe('the IPC surface', () => {
  it('has one client function for each command of the shell, invoking no other', async () => {
    invoke.mockResolvedValue(null);
    const invoked = new Map<string, string>();
    for (const [name, fn] of Object.entries(client)) {
      if (typeof fn !== 'function') continue;
      invoke.mockClear();
      await (fn as () => Promise<unknown>)();
      expect(invoke, `${name} invokes one command`).toHaveBeenCalledTimes(1);
      const command = String(invoke.mock.calls[0]?.[0]);
      expect(invoked.get(command), `${command} has two functions`).toBeUndefined();
      invoked.set(command, name);
    }
    expect([...invoked.keys()].sort()).toEqual([...COMMANDS].sort());
  });

  it('keeps the test-only commands out of the client', () => {
    for (const command of E2E_COMMANDS) expect(COMMANDS as readonly string[]).not.toContain(command);
  });

  it('fakes only commands the shell has', () => {
    const start = fakeCoreSource.indexOf('async invoke(');
    const body = fakeCoreSource.slice(start, fakeCoreSource.indexOf('the fake core has no', start));
    const faked = [...body.matchAll(/case '([a-z_]+)':/g)].map((m) => m[1]);
    expect(faked.length).toBeGreaterThan(10);
    for (const command of faked) expect(COMMANDS as readonly string[], `fakeCore fakes ${command}`).toContain(command);
  });
});
