// A 包联领导 / 责任人 cell as offices write it → the people it names (shared/domain/person-cell.ts).
import { describe, expect, it } from 'vitest';
import { personKey, readPersonCell } from '../../shared/domain/person-cell.ts';

const names = (text: string) =>
  readPersonCell(text).people.map((p) => (p.kind === 'name' ? [p.name, p.title] : ['职务', p.text]));

describe('readPersonCell', () => {
  it('several people: 、，, ；; / and blanks between names', () => {
    for (const t of [
      '李四、王五',
      '李四，王五',
      '李四,王五',
      '李四；王五',
      '李四/王五',
      '李四／王五',
      '李四 王五',
      '李四\n王五',
    ])
      expect(names(t), t).toEqual([
        ['李四', null],
        ['王五', null],
      ]);
  });

  it('a two-character name spread out to line up (王  伟, 王　伟) is one person', () => {
    expect(names('王  伟')).toEqual([['王伟', null]]);
    expect(names('王　伟、李四')).toEqual([
      ['王伟', null],
      ['李四', null],
    ]);
  });

  it('the post beside a name, however written, is that person’s', () => {
    for (const t of ['李四（副镇长）', '李四(副镇长)', '副镇长 李四', '李四 副镇长', '副镇长李四', '副镇长：李四'])
      expect(names(t), t).toEqual([['李四', '副镇长']]);
    // a bracket with a list inside stays one person's
    expect(names('李四（副镇长、党委委员）')).toEqual([['李四', '副镇长、党委委员']]);
  });

  it('a post alone, or a surname and a post, is a post (the ledger says who holds it)', () => {
    expect(readPersonCell('镇长').people).toEqual([{ kind: 'post', post: '镇长', surname: null, text: '镇长' }]);
    expect(readPersonCell('李镇长').people).toEqual([{ kind: 'post', post: '镇长', surname: '李', text: '李镇长' }]);
    expect(names('张三 李镇长')).toEqual([
      ['张三', null],
      ['职务', '李镇长'],
    ]);
  });

  it('nobody yet (待定, 无, -) is no one; a number or a single character is handed back, not made a person', () => {
    for (const t of ['待定', '无', '暂无', '-', '—'])
      expect(readPersonCell(t), t).toEqual({ people: [], notNames: [] });
    expect(readPersonCell('张三 13800000000')).toEqual({
      people: [{ kind: 'name', name: '张三', title: null }],
      notNames: ['13800000000'],
    });
    expect(readPersonCell('王').notNames).toEqual(['王']);
  });

  it('personKey: blanks inside a name do not make another person', () => {
    expect(personKey('王　伟')).toBe('王伟');
    expect(personKey(' 王 伟 ')).toBe('王伟');
  });
});
