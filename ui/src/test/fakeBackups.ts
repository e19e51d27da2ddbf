// File → Restore from backup…'s commands for the FakeCore (docs/ipc.md: list_backups …
// restore_backup), in memory: backups newest first, rotated to `keep`, a number kept outside
// 1–100 refused at `keep`, and a restore that "opens" the new plan (or is cancelled in the Save
// dialog when `dialogChoice` is null).

import type { AppState, BackupInfo, Backups, ErrorInfo } from '../lib/ipc/bindings';
import type { Command } from '../lib/ipc/commands';

export const BACKUP_COMMANDS: readonly Command[] = ['list_backups', 'backup_now', 'set_backup_keep', 'restore_backup'];

const FOLDER = '/home/ada/.local/share/org.runway.desktop/backups/demo-0123456789abcdef';

/** A backup as the core lists one, taken `hour` o'clock on 22 Nov 2026 (UTC). */
export function fakeBackup(hour: number, releases: number, seq: number): BackupInfo {
  const at = `2026-11-22T${String(hour).padStart(2, '0')}:00:00+00:00`;
  return {
    name: `2026-11-22T${String(hour).padStart(2, '0')}-00-00.000Z.runway`,
    taken_at: at,
    size: 860_000 + releases * 1000,
    audit_seq: seq,
    audit_hash: `${seq.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`,
    releases,
  };
}

export class FakeBackups {
  /** Newest first. */
  backups: BackupInfo[] = [fakeBackup(11, 2, 140), fakeBackup(10, 40, 120)];
  keep = 10;
  /** What the Save dialog answers; null: the user closed it. */
  dialogChoice: string | null = '/home/ada/plans/demo restored.runway';

  constructor(
    private readonly state: () => AppState,
    private readonly opened: (s: AppState) => void,
  ) {}

  private list(): Backups {
    return { folder: FOLDER, keep: this.keep, backups: this.backups.slice(0, this.keep), unreadable: [] };
  }

  invoke(command: string, args: Record<string, unknown>): unknown {
    switch (command) {
      case 'list_backups':
        return this.list();
      case 'backup_now': {
        const newest = this.backups[0];
        const releases = this.state().plan?.releases ?? 0;
        this.backups = [fakeBackup(12, releases, (newest?.audit_seq ?? 0) + 1), ...this.backups].slice(0, this.keep);
        return this.list();
      }
      case 'set_backup_keep': {
        const keep = args.keep as number;
        if (!Number.isInteger(keep) || keep < 1 || keep > 100) {
          throw { code: 'validation', message: 'keep: Keep between 1 and 100 backups.', fields: [{ field: 'keep', message: 'Keep between 1 and 100 backups.' }] } satisfies ErrorInfo;
        }
        this.keep = keep;
        this.backups = this.backups.slice(0, keep);
        return this.list();
      }
      case 'restore_backup': {
        const b = this.backups.find((x) => x.name === args.name);
        if (!b) throw { code: 'not_found', message: `"${String(args.name)}" is not one of this plan's backups`, fields: [] } satisfies ErrorInfo;
        if (this.dialogChoice === null) throw { code: 'cancelled', message: 'cancelled', fields: [] } satisfies ErrorInfo;
        const path = this.dialogChoice;
        const before = this.state();
        const plan = before.plan && { ...before.plan, path, file_name: path.split('/').pop()!, releases: b.releases, audit_head: b.audit_hash };
        const after: AppState = { ...before, plan, recent: [path, ...before.recent], notice: null };
        this.opened(after);
        return after;
      }
    }
    throw { code: 'internal', message: `no ${command}`, fields: [] } satisfies ErrorInfo;
  }
}
