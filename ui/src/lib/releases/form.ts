// The release form: its state, the conversion to ReleaseInput, the client-side checks and the
// mapping of server errors to the fields they belong to.

import type { ErrorInfo, Release, ReleaseInput, ReleaseKind, ReleaseUnit, Risk } from '../ipc/bindings';
import { fromLocalInput, toLocalInput } from '../datetime';

export interface ReleaseForm {
  key: string;
  title: string;
  kind: ReleaseKind;
  unit: ReleaseUnit;
  applications: string[];
  /** E-mail of the person, '' for none. */
  owner: string;
  manager: string;
  environments: string[];
  /** datetime-local values, '' when empty. */
  windowStart: string;
  windowEnd: string;
  risk: Risk;
  acceptance_criteria: string;
  backout_plan: string;
  backout_tested: boolean;
  notes: string;
}

/** The fields an error can be shown at (the names of ReleaseInput). */
export const FORM_FIELDS = [
  'key',
  'title',
  'kind',
  'unit',
  'applications',
  'owner',
  'manager',
  'environments',
  'window',
  'risk',
  'acceptance_criteria',
  'backout_plan',
  'backout_tested',
  'notes',
] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export type FieldErrors = Partial<Record<FormField, string>>;

export interface FormErrors {
  fields: FieldErrors;
  /** An error that belongs to no field (shown above the save button). */
  general: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, general: null };

export function emptyForm(): ReleaseForm {
  return {
    key: '',
    title: '',
    kind: 'minor',
    unit: 'delta',
    applications: [],
    owner: '',
    manager: '',
    environments: [],
    windowStart: '',
    windowEnd: '',
    risk: 'medium',
    acceptance_criteria: '',
    backout_plan: '',
    backout_tested: false,
    notes: '',
  };
}

export function formFromRelease(r: Release): ReleaseForm {
  return {
    key: r.key,
    title: r.title,
    kind: r.kind,
    unit: r.unit,
    applications: [...r.applications],
    owner: r.owner ?? '',
    manager: r.manager ?? '',
    environments: [...r.environments],
    windowStart: toLocalInput(r.window?.start),
    windowEnd: toLocalInput(r.window?.end),
    risk: r.risk,
    acceptance_criteria: r.acceptance_criteria,
    backout_plan: r.backout_plan,
    backout_tested: r.backout_tested,
    notes: r.notes,
  };
}

/** The input sent to create_release / update_release. Call checkForm first. */
export function formToInput(f: ReleaseForm): ReleaseInput {
  const start = fromLocalInput(f.windowStart);
  const end = fromLocalInput(f.windowEnd);
  return {
    key: f.key.trim(),
    title: f.title.trim(),
    kind: f.kind,
    unit: f.unit,
    applications: [...f.applications],
    owner: f.owner.trim() || null,
    manager: f.manager.trim() || null,
    environments: [...f.environments],
    window: start && end ? { start, end } : null,
    risk: f.risk,
    acceptance_criteria: f.acceptance_criteria,
    backout_plan: f.backout_plan,
    backout_tested: f.backout_tested,
    notes: f.notes,
  };
}

/** The obvious mistakes, caught before a round trip. The server checks everything again. */
export function checkForm(f: ReleaseForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!f.key.trim()) errors.key = 'The key is required (for example REL-2027.03.01).';
  if (!f.title.trim()) errors.title = 'The title is required.';
  const hasStart = f.windowStart.trim() !== '';
  const hasEnd = f.windowEnd.trim() !== '';
  if (hasStart !== hasEnd) {
    errors.window = 'Give both the start and the end of the deployment window, or neither.';
  } else if (hasStart) {
    const start = fromLocalInput(f.windowStart);
    const end = fromLocalInput(f.windowEnd);
    if (!start || !end) errors.window = 'The window start and end must be full dates and times.';
    else if (end <= start) errors.window = 'The window must end after it starts.';
  }
  return errors;
}

function isFormField(name: string): name is FormField {
  return (FORM_FIELDS as readonly string[]).includes(name);
}

/** Puts a server error at its fields; what belongs to no field becomes the general error. */
export function errorsFromServer(e: ErrorInfo): FormErrors {
  const fields: FieldErrors = {};
  const general: string[] = [];
  const add = (field: FormField, message: string) => {
    fields[field] = fields[field] ? `${fields[field]} ${message}` : message;
  };
  for (const fe of e.fields) {
    if (isFormField(fe.field)) add(fe.field, fe.message);
    else general.push(fe.message);
  }
  if (e.fields.length === 0) {
    if (e.code === 'conflict') add('key', e.message);
    else general.push(e.message);
  }
  return { fields, general: general.length ? general.join(' ') : null };
}

/** Adds or removes a value from a multi-choice field, keeping the catalogue's order. */
export function toggleChoice(selected: readonly string[], value: string, on: boolean, order: readonly string[]): string[] {
  const set = new Set(selected);
  if (on) set.add(value);
  else set.delete(value);
  const known = order.filter((v) => set.has(v));
  const unknown = selected.filter((v) => set.has(v) && !order.includes(v));
  return [...known, ...unknown];
}
