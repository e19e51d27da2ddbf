// Turns whatever a rejected promise carries into the contract's ErrorInfo.

import { ERROR_CODES, type ErrorCode, type ErrorInfo, type FieldError } from './bindings';

function isCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.field === 'string' && typeof v.message === 'string';
}

/** Normalises a rejection: a well-formed ErrorInfo passes through, anything else is `internal`. */
export function toErrorInfo(reason: unknown): ErrorInfo {
  if (typeof reason === 'object' && reason !== null && !(reason instanceof Error)) {
    const r = reason as Record<string, unknown>;
    if (isCode(r.code) && typeof r.message === 'string') {
      const fields = Array.isArray(r.fields) ? r.fields.filter(isFieldError) : [];
      return { code: r.code, message: r.message, fields };
    }
  }
  let message: string;
  if (typeof reason === 'string') message = reason;
  else if (reason instanceof Error) message = reason.message || reason.name;
  else {
    try {
      message = JSON.stringify(reason) ?? String(reason);
    } catch {
      message = String(reason);
    }
  }
  return { code: 'internal', message: message || 'Unknown error', fields: [] };
}

/** The core's refusal in words, to show next to what was refused: the field messages when it names fields, else its message. */
export function refusalText(info: ErrorInfo): string {
  return info.fields?.length ? info.fields.map((f) => f.message).join(' ') : info.message;
}
