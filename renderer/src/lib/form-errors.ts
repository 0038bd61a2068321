import type { FormInstance } from 'antd';
import { ApiError } from './api.ts';

/** Puts the core's field issues under their inputs (first path segment = form field) and returns the message. */
export function applyApiError(form: FormInstance | null, e: unknown): string {
  if (form && e instanceof ApiError && e.issues.length) {
    const fields = new Map<string, string[]>();
    for (const i of e.issues) {
      const name = i.path.split('.')[0] ?? '';
      if (name && form.getFieldInstance(name) !== undefined) fields.set(name, [...(fields.get(name) ?? []), i.message]);
    }
    if (fields.size) form.setFields([...fields].map(([name, errors]) => ({ name, errors })));
  }
  return (e as Error).message;
}
