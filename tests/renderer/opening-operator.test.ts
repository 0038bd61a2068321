// The sign-in opens on a name: the operator whose session lapsed; at the start of a session the one who signed in
// last on this PC (if still an operator), else the only operator; for 切换操作员 no one (the keyboard changes hands).
import { describe, expect, it } from 'vitest';
import { openingOperator } from '../../renderer/src/app/OperatorGate.tsx';

const ops = [{ id: 1 }, { id: 2 }, { id: 3 }];

describe('the name the sign-in opens on', () => {
  it('is the lapsed session’s operator, even when switching', () => {
    expect(openingOperator(ops, 2, false, 3)).toBe(2);
    expect(openingOperator(ops, 2, true, null)).toBe(2);
  });
  it('is the last to sign in on this PC, while that operator exists', () => {
    expect(openingOperator(ops, null, false, 3)).toBe(3);
    expect(openingOperator(ops, null, false, 9)).toBeNull();
  });
  it('is the only operator there is', () => {
    expect(openingOperator([{ id: 7 }], null, false, null)).toBe(7);
    expect(openingOperator([{ id: 7 }], null, false, 9)).toBe(7);
  });
  it('is no one for 切换操作员, or among several with none remembered', () => {
    expect(openingOperator(ops, null, true, 3)).toBeNull();
    expect(openingOperator([{ id: 7 }], null, true, null)).toBeNull();
    expect(openingOperator(ops, null, false, null)).toBeNull();
  });
});
