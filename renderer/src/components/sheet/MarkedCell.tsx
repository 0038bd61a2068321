/**
 * A cell the last write marked, in every sheet alike: refused (the text that was refused, in red, with its reason)
 * or held (it passed, and waits unsaved for the refused cells of its block — shown as pasted, in a pending tint).
 */
import type { Refusal } from './use-sheet.ts';

export function MarkedCell({ mark }: { mark: Refusal }) {
  if (mark.held)
    return (
      <span className="cell-held" title={mark.message}>
        {mark.text}
      </span>
    );
  return (
    <span aria-invalid="true" title={mark.message}>
      <span className="cell-refused">{mark.text}</span>
      <span className="cell-reason">{mark.message}</span>
    </span>
  );
}
