// How File → Restore from backup… words a backup: its size, its audit head, how many releases.

import type { BackupInfo } from '../ipc/bindings';

/** A size in bytes as people read it: "840 KB", "85.3 MB". */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return mb < 1024 ? `${mb.toFixed(1)} MB` : `${(mb / 1024).toFixed(2)} GB`;
}

/** The audit head as the plan's footer and reports show it: "#1,204 · 3f9a0c1e2b". */
export function formatHead(b: Pick<BackupInfo, 'audit_seq' | 'audit_hash'>): string {
  return `#${b.audit_seq.toLocaleString('en')} · ${b.audit_hash.slice(0, 10)}`;
}

export function releaseCount(n: number): string {
  return `${n.toLocaleString('en')} ${n === 1 ? 'release' : 'releases'}`;
}

/** What the dialog says of the current plan against a backup: how many releases more or fewer. */
export function difference(backup: number, now: number | null | undefined): string {
  if (now === null || now === undefined || backup === now) return '';
  const d = backup - now;
  return d > 0 ? `${d.toLocaleString('en')} more than now` : `${(-d).toLocaleString('en')} fewer than now`;
}
