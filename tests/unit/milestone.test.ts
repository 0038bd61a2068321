import { describe, expect, it } from 'vitest';
import { milestoneState, milestoneText } from '../../shared/domain/milestone.ts';

describe('milestone state', () => {
  const today = '2017-10-08';
  it.each([
    [{ planDate: '2017-06-01', actDate: '2017-06-01' }, '按期完成'],
    [{ planDate: '2017-06-01', actDate: '2017-06-11' }, '逾期完成10天'],
    [{ planDate: '2017-10-01', actDate: null }, '已逾期7天'],
    [{ planDate: '2017-10-08', actDate: null }, '未到期'],
    [{ planDate: null, actDate: null }, '未计划'],
  ])('%o → %s', (m, text) => expect(milestoneText(milestoneState(m, today))).toBe(text));
});
