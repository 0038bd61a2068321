// @vitest-environment happy-dom
/**
 * The plain table of figures (components/PlainTable.tsx) 资金 draws its town totals and project rows with: pinned
 * columns sit at the sum of the widths before them (the + column first), the line under a row opens and closes by
 * its button, a row keeps its line open across new answers, an empty answer says so in Chinese, and a long answer
 * is drawn a screenful first and the rest in the frames after — then whole for good.
 */
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PlainTable, type PlainColumn } from '../../renderer/src/components/PlainTable.tsx';

interface Line {
  id: number;
  name: string;
  fen: number;
}
const LINES: Line[] = [
  { id: 7, name: '镇区公共停车场', fen: 200 },
  { id: 9, name: '合计', fen: 300 },
];
const COLUMNS: PlainColumn<Line>[] = [
  { key: 'no', title: '序号', width: 48, fixed: 'left', render: (_r, i) => i + 1 },
  { key: 'name', title: '项目名称', width: 170, fixed: 'left', render: (r) => r.name },
  { key: 'fen', title: '金额', width: 90, align: 'right', render: (r) => r.fen },
  { key: 'op', title: '操作', width: 84, fixed: 'right', render: () => '记一笔' },
];

afterEach(cleanup);

const draw = (rows: Line[] = LINES) => (
  <PlainTable
    data-testid="t"
    rowKey={(r) => r.id}
    columns={COLUMNS}
    rows={rows}
    rowClassName={(r) => (r.name === '合计' ? 'row-total' : '')}
    expand={{ width: 32, render: (r) => <span className="under">{r.name}的分来源</span> }}
  />
);

describe('PlainTable', () => {
  it('pins the left columns after the + column and the right one at the edge, at the widths before them', () => {
    const { container } = render(draw());
    const head = [...container.querySelectorAll('thead th')] as HTMLElement[];
    expect(head.map((th) => th.textContent)).toEqual(['', '序号', '项目名称', '金额', '操作']);
    expect(head.map((th) => th.classList.contains('pt-pin'))).toEqual([true, true, true, false, true]);
    expect(head.map((th) => [th.style.left, th.style.right])).toEqual([
      ['0px', ''],
      ['32px', ''],
      ['80px', ''],
      ['', ''],
      ['', '0px'],
    ]);
    expect(head[2]!.classList.contains('pt-pin-left-last')).toBe(true);
    expect(head[4]!.classList.contains('pt-pin-right-first')).toBe(true);
    const table = container.querySelector('table')!;
    expect(table.style.width).toBe(`${32 + 48 + 170 + 90 + 84}px`);
    expect(container.querySelectorAll('col')).toHaveLength(5);
  });

  it('opens and closes the line under a row by its button, and keeps it open across a new answer', () => {
    const { container, rerender } = render(draw());
    const rows = () => [...container.querySelectorAll('tbody > tr')].map((tr) => tr.textContent);
    expect(rows()).toEqual(['1镇区公共停车场200记一笔', '2合计300记一笔']);
    const button = container.querySelectorAll<HTMLButtonElement>('.pt-expand')[0]!;
    expect(button.getAttribute('aria-label')).toBe('展开');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.getAttribute('aria-label')).toBe('收起');
    expect(rows()).toEqual(['1镇区公共停车场200记一笔', '镇区公共停车场的分来源', '2合计300记一笔']);
    // The same project in a newer answer (after a save) keeps its line open.
    rerender(draw([{ ...LINES[0]!, fen: 260 }, LINES[1]!]));
    expect(rows()).toEqual(['1镇区公共停车场260记一笔', '镇区公共停车场的分来源', '2合计300记一笔']);
    fireEvent.click(button);
    expect(rows()).toEqual(['1镇区公共停车场260记一笔', '2合计300记一笔']);
  });

  it('marks rows by rowClassName and says 暂无数据 for an empty answer', () => {
    const { container, rerender } = render(draw());
    expect([...container.querySelectorAll('tbody tr.pt-row')].map((tr) => tr.className)).toEqual([
      'pt-row',
      'pt-row row-total',
    ]);
    rerender(draw([]));
    expect(container.querySelector('tbody')!.textContent).toBe('暂无数据');
  });

  it('draws a long answer a screenful first, the rest in the frames after, and every later answer whole', async () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ id: i + 1, name: `项目${i + 1}`, fen: i }));
    const table = (rows: Line[]) => <PlainTable rowKey={(r) => r.id} columns={COLUMNS} rows={rows} firstRows={20} />;
    const { container, rerender } = render(table(many));
    const count = () => container.querySelectorAll('tbody tr.pt-row').length;
    expect(count()).toBe(20);
    const seen = new Set<number>();
    await waitFor(() => {
      seen.add(count());
      expect(count()).toBe(100);
    });
    expect([...seen].every((n) => n === 100 || n % 20 === 0)).toBe(true);
    // Another page of 100: drawn whole at once (the table never shrinks under the clerk's scroll position).
    rerender(table(many.map((r) => ({ ...r, id: r.id + 100 }))));
    expect(count()).toBe(100);
  });

  it('keeps its elements (and the scroll position in them) while newer rows are read', async () => {
    const table = (loading: boolean) => (
      <PlainTable rowKey={(r) => r.id} columns={COLUMNS} rows={LINES} loading={loading} maxHeight="300px" />
    );
    const { container, rerender } = render(table(false));
    const scroller = container.querySelector('.pt-scroll')!;
    scroller.scrollTop = 40;
    rerender(table(true));
    await waitFor(() => expect(container.querySelector('.ant-spin-spinning')).not.toBeNull());
    expect(container.querySelector('.pt-scroll')).toBe(scroller);
    rerender(table(false));
    expect(container.querySelector('.pt-scroll')).toBe(scroller);
    expect(scroller.scrollTop).toBe(40);
  });

  it('pages a longer list with its pager: 共 N 个项目, a click asks for the page', () => {
    const pages: number[] = [];
    const { container, getByTitle } = render(
      <PlainTable
        rowKey={(r) => r.id}
        columns={COLUMNS}
        rows={LINES}
        pager={{ current: 1, pageSize: 2, total: 5, onChange: (n) => pages.push(n), noun: '个项目' }}
      />,
    );
    expect(container.querySelector('.pt-pager')!.textContent).toContain('共 5 个项目');
    fireEvent.click(getByTitle('2'));
    expect(pages).toEqual([2]);
  });
});

describe('a column title with its unit', () => {
  it('keeps 年度计划（万元）’s bracketed unit whole when the column is narrow; the header reads the same', () => {
    const { container } = render(
      <PlainTable
        rowKey={(r: Line) => r.id}
        columns={[
          { key: 'fen', title: '年度计划（万元）', width: 60, align: 'right', render: (r: Line) => r.fen },
          { key: 'name', title: '项目名称', width: 90, render: (r: Line) => r.name },
        ]}
        rows={LINES}
      />,
    );
    const [money, name] = [...container.querySelectorAll('th')];
    expect(money!.textContent).toBe('年度计划（万元）');
    const unit = money!.querySelector('span')!;
    expect(unit.textContent).toBe('（万元）');
    expect(unit.style.whiteSpace).toBe('nowrap');
    expect(name!.textContent).toBe('项目名称');
    expect(name!.querySelector('span')).toBeNull();
  });
});
