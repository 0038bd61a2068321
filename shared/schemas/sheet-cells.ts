/**
 * A block of grid cells sent in one call (a paste, a Ctrl+D fill, a Delete, an undo step over a table kept as a
 * sheet): each cell names its record, its field and the value the grid read from its text. Every cell is checked
 * with its field's own rule (the same zod schema the record's form is checked with), so a refused cell is named by
 * record and field with a Chinese message; the service saves the block in one transaction or nothing.
 */
import type { FieldIssue } from '../ipc/result.ts';
import { z } from './zod-zh.ts';

/** The contract's input of a block of cells over the fields `fields`. */
export const sheetCellsInput = <F extends string>(
  fields: readonly [F, ...F[]],
  label: Readonly<Record<F, string>>,
  max = 5000,
) =>
  z
    .array(
      z.object({
        id: z.number().int().positive(),
        field: z.enum(fields, { error: `只能修改这些列：${fields.map((f) => label[f]).join('、')}` }),
        // the field's own rule checks the value (parseSheetCells); here it need only be a cell's value
        value: z.union([z.string(), z.number(), z.null(), z.array(z.number().int().positive())]),
      }),
    )
    .min(1, '没有需要保存的单元格')
    .max(max, `一次最多修改${max}个单元格`);

export interface SheetCell<F extends string = string> {
  id: number;
  field: F;
  value: unknown;
}

/**
 * Checks each cell with its field's rule. `prefix` names the record kind in an issue's path (`task.12.deadline`),
 * which the grid reads back to mark the cell; `where(id)` names the record in the message (任务“…”).
 */
export function parseSheetCells<R extends Record<string, z.ZodType>>(
  cells: readonly SheetCell<keyof R & string>[],
  rules: R,
  prefix: string,
  where: (id: number) => string,
): { patches: Map<number, { [K in keyof R]?: z.output<R[K]> }>; issues: FieldIssue[] } {
  const patches = new Map<number, { [K in keyof R]?: z.output<R[K]> }>();
  const issues: FieldIssue[] = [];
  for (const c of cells) {
    const path = `${prefix}.${c.id}.${c.field}`;
    const patch = patches.get(c.id) ?? {};
    if (c.field in patch) {
      issues.push({ path, message: `${where(c.id)}：同一单元格在本批中出现了两次` });
      continue;
    }
    const r = rules[c.field]!.safeParse(c.value);
    if (!r.success) {
      issues.push({ path, message: `${where(c.id)}：${r.error.issues[0]?.message ?? '输入有误'}` });
      continue;
    }
    (patch as Record<string, unknown>)[c.field] = r.data;
    patches.set(c.id, patch);
  }
  return { patches, issues };
}
