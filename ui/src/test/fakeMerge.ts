// Merging copies of a plan for the FakeCore (docs/ipc.md: replica_info … export_changes), in
// memory: the open review cards, a decision that closes its card (or is refused as the core
// refuses one that does not fit the card), File → Merge Changes… answering `nextMerge` (null:
// the Open dialog was cancelled) and File → Export Changes… writing to `exportChoice`.

import type { Card, Decision, ErrorInfo, MergeReport, ReplicaInfo, Side } from '../lib/ipc/bindings';
import type { Command } from '../lib/ipc/commands';

export const MERGE_COMMANDS: readonly Command[] = ['replica_info', 'review_cards', 'decide_card', 'merge_changes', 'export_changes'];

export const HERE = '01a2532e-f079-76da-965a-db6984d91fd6';
export const THERE = '01a2532e-f22e-735b-8139-3c2dcea9405b';

function side(op: string, value: unknown, author: string, standing: boolean, replica = op.startsWith(HERE) ? HERE : THERE): Side {
  return { op, value: JSON.stringify(value), author, at: '2026-11-22T10:15:00Z', replica, standing };
}

const milestone = (start: string, end: string) => ({ actual_end: null, actual_start: null, planned_end: end, planned_start: start });

/** Two edits of a phase's dates, as `runway phase set` on two copies makes them. */
export function phaseCard(): Card {
  return {
    id: 'a878eaff2e56',
    kind: 'field',
    entity: 'release',
    object: '01a2532e-f08e-7594-88a7-4bee49842395',
    subject: 'REL-00001',
    field: 'milestones/Dress rehearsal',
    // In the core's order (by operation), which puts the other copy's first here.
    sides: [
      side(`${THERE}:1`, milestone('2027-01-11', '2027-01-12'), 'bob', true),
      side(`${HERE}:287`, milestone('2027-01-04', '2027-01-05'), 'ada', false),
    ],
  };
}

/** Two edits of a title; the other copy's author wrote markup, which must show as text. */
export function titleCard(): Card {
  return {
    id: 'b1c2d3e4f5a6',
    kind: 'field',
    entity: 'release',
    object: '01a2532e-f08e-7594-88a7-4bee49842396',
    subject: 'REL-00002',
    field: 'title',
    sides: [side(`${HERE}:290`, 'Ledger 4.2', 'ada', true), side(`${THERE}:5`, '<b>Ledger</b> 4.2 & more', 'bob', false)],
  };
}

export function deletedCard(): Card {
  return {
    id: 'c0ffee000001',
    kind: 'deleted',
    entity: 'release',
    object: '01a2532e-f08e-7594-88a7-4bee49842397',
    subject: 'REL-00000',
    field: '',
    sides: [side(`${THERE}:7`, null, 'bob', true), side(`${HERE}:291`, 'Keep me', 'ada', false)],
  };
}

export function keyCard(): Card {
  return {
    id: 'deadbeef0002',
    kind: 'key',
    entity: 'release',
    object: '01a2532e-f08e-7594-88a7-4bee49842398',
    subject: 'REL-2027.05.01',
    field: 'key',
    sides: [side(`${HERE}:292`, 'REL-2027.05.01', 'ada', true), side(`${THERE}:9`, 'REL-2027.05.01', 'bob', false)],
  };
}

export function cycleCard(): Card {
  const dep = { from: { milestone: null, release: 'u1' }, kind: 'fs', lag_days: 2, to: { milestone: null, release: 'u2' } };
  return {
    id: 'a40597351814',
    kind: 'cycle',
    entity: 'dependency',
    object: '42a23010-0cdf-5d11-9b49-fd907ace5320',
    subject: 'REL-00001 → REL-00002',
    field: '',
    sides: [side(`${THERE}:2`, dep, 'bob', false)],
  };
}

const refused = (field: string, message: string): ErrorInfo => ({ code: 'validation', message: `${field}: ${message}`, fields: [{ field, message }] });

export class FakeMerge {
  cards: Card[] = [];
  /** The decisions sent, in order: [card id, decision]. */
  decided: [string, Decision][] = [];
  info: ReplicaInfo = {
    replica: HERE,
    portfolio: '0193-portfolio',
    operations: 291,
    peers: [{ replica: THERE, author: 'bob', merged_at: '2026-11-22T10:20:00Z' }],
    open_cards: 0,
    copied_from: null,
  };
  /** What the next Merge Changes… merges; null: the Open dialog was cancelled. */
  nextMerge: MergeReport | null = null;
  /** Where Export Changes… "saves"; null: the Save dialog was cancelled. */
  exportChoice: string | null = '/home/ada/plans/demo changes.runway-changes';

  constructor(private readonly edited: () => void = () => {}) {}

  invoke(command: string, args: Record<string, unknown>): unknown {
    switch (command) {
      case 'replica_info':
        return { ...this.info, open_cards: this.cards.length };
      case 'review_cards':
        return structuredClone(this.cards);
      case 'decide_card':
        return this.decide(String(args.id), args.decision as Decision);
      case 'merge_changes': {
        const r = this.nextMerge;
        if (!r) return null;
        this.cards = structuredClone(r.cards);
        this.edited();
        return structuredClone(r);
      }
      case 'export_changes':
        return this.exportChoice === null ? null : [this.exportChoice, args.since ? 3 : 291];
    }
    throw { code: 'internal', message: `no ${command}`, fields: [] } satisfies ErrorInfo;
  }

  private decide(id: string, d: Decision): Card {
    const card = this.cards.find((c) => c.id === id);
    if (!card) throw { code: 'not_found', message: `there is no open review card "${id}"`, fields: [] } satisfies ErrorInfo;
    const ok =
      (d.how === 'pick' && card.kind !== 'key' && card.sides.some((s) => s.op === d.op)) ||
      (d.how === 'value' && card.kind === 'field') ||
      (d.how === 'rename' && card.kind === 'key' && card.sides.some((s) => s.op === d.keeps));
    if (!ok) throw refused('decision', `a ${card.kind} card cannot be decided by ${d.how}`);
    if (d.how === 'value') {
      try {
        JSON.parse(d.value);
      } catch {
        throw refused('value', 'not a JSON value');
      }
    }
    this.decided.push([id, structuredClone(d)]);
    this.cards = this.cards.filter((c) => c.id !== id);
    this.edited();
    return card;
  }
}
