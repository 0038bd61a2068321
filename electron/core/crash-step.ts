/**
 * Named steps of an operation that spans several files — a restore: the staged copy, its journal, the rename, the
 * anchor, the undo record — between which the process may die (a power cut, a kill), and after which the next start
 * must still find a state it can finish or roll back. The crash tests stop a child process at each step by name
 * (tests/helpers/restore-crasher.ts); in the app a step does nothing.
 */
let atStep: ((step: string) => void) | null = null;

/** Tests only: `fn` runs at every step reached from now on (it may end the process there). */
export function onCrashStep(fn: ((step: string) => void) | null): void {
  atStep = fn;
}

export function crashStep(step: string): void {
  atStep?.(step);
}
