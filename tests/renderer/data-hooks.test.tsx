// @vitest-environment happy-dom
/**
 * The renderer's hooks and helpers that talk to the core, each on a real core over a temp SQLite file reached
 * in-process through window.api (core-bridge.ts): the long call with its progress and 取消, the project picker,
 * the current period, the 月报 batch pages and the form's field errors.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect, type ReactNode } from 'react';
import { refusal } from '../../electron/core/permission.ts';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import { permissionOf } from '../../shared/ipc/permissions.ts';
import { formatDateCn } from '../../shared/domain/dates.ts';
import { READ_ONLY_HINT, SessionContext, useCanEdit, useMay, useSession } from '../../renderer/src/app/session.tsx';
import {
  DEFAULT_COLUMNS,
  FIXED_COLUMNS,
  LEDGER_COLUMNS,
  namesOf,
} from '../../renderer/src/features/ledger/ledger-columns.ts';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BatchPages, PAGE_ROWS, useBatchVersion } from '../../renderer/src/features/monthly-report/batch-pages.ts';
import { ApiError, call } from '../../renderer/src/lib/api.ts';
import { CurrentPeriodProvider, PeriodPicker, useCurrentPeriod } from '../../renderer/src/lib/current-period.tsx';
import { applyApiError } from '../../renderer/src/lib/form-errors.ts';
import { useAppReload } from '../../renderer/src/lib/use-app-reload.tsx';
import { useLongCall } from '../../renderer/src/lib/use-long-call.ts';
import { useProjectPicker } from '../../renderer/src/lib/use-project-picker.ts';
import { useColumnLayout } from '../../renderer/src/components/sheet/column-layout.tsx';
import { coreWithQueries } from './core-with-queries.tsx';

/** A real core and the window's data layer (main.tsx): the hooks read through TanStack Query. */
const fx = coreWithQueries();
afterEach(() => {
  vi.useRealTimers();
});

const project = (name: string) =>
  fx.bridge.t.ok('projects:create', { name, planYear: 2017, location: '镇区', scope: '建设内容', totalWan: '100' });

describe('useLongCall: a long call the clerk can watch and stop', () => {
  it('answers with the channel’s result, shows no dialog for a call over within a moment, and writes what it says', async () => {
    const { result } = renderHook(() => useLongCall());
    let created: { name: string } | null = null;
    await act(async () => {
      created = await result.current.run('备份数据库', 'backups:create', { target: 'auto' });
    });
    expect(result.current.state).toBeNull();
    const list = await fx.bridge.t.ok('backups:list', {});
    expect(JSON.stringify(list)).toContain(created!.name);
  });

  it('shows its title and “准备中” once it runs past a moment; 取消 stops it in the core, nothing is written, the dialog closes', async () => {
    const before = JSON.stringify(await fx.bridge.t.ok('backups:list', {}));
    const { result } = renderHook(() => useLongCall());
    const release = fx.bridge.hold();
    let outcome: Promise<unknown> = Promise.resolve();
    act(() => {
      outcome = result.current.run('备份数据库', 'backups:create', { target: 'auto' });
    });
    await waitFor(
      () =>
        expect(result.current.state).toEqual({
          title: '备份数据库',
          stage: '准备中',
          percent: 0,
          cancelling: false,
          cancellable: true,
        }),
      { timeout: 3000 },
    );
    act(() => result.current.cancel());
    expect(result.current.state!.cancelling).toBe(true);
    release();
    await act(async () => {
      await expect(outcome).rejects.toThrow('已取消，本次操作没有保存任何修改');
    });
    expect(result.current.state).toBeNull();
    expect(JSON.stringify(await fx.bridge.t.ok('backups:list', {}))).toBe(before);
  });

  it('a shell that cannot report progress shows no dialog at all, and cancel with nothing running does nothing', async () => {
    delete window.api.progressOf;
    const { result } = renderHook(() => useLongCall());
    act(() => result.current.cancel());
    const release = fx.bridge.hold();
    let outcome: Promise<unknown> = Promise.resolve();
    act(() => {
      outcome = result.current.run('备份数据库', 'backups:create', { target: 'auto' });
    });
    await new Promise((ok) => setTimeout(ok, 500));
    expect(result.current.state).toBeNull();
    release();
    await act(async () => {
      await outcome;
    });
    expect(result.current.state).toBeNull();
  });
});

describe('useProjectPicker: options searched in the core', () => {
  it('lists projects as “编号 名称”, searches by name and by pinyin initials, keeps the chosen ones and leaves out `exclude`', async () => {
    const road = await project('乡村道路硬化');
    const sewer = await project('污水管网改造');
    const school = await project('小学操场');
    const label = (p: { code: string | null; name: string }) => `${p.code ?? ''} ${p.name}`.trim();
    const { result } = renderHook(() => useProjectPicker({ scope: 'all', keep: [sewer.id], exclude: school.id }), {
      wrapper: fx.wrapper,
    });
    await waitFor(() => expect(result.current.options).toHaveLength(2));
    expect(result.current.options).toEqual(
      expect.arrayContaining([
        { value: road.id, label: label(road) },
        { value: sewer.id, label: label(sewer) },
      ]),
    );
    act(() => result.current.search('道路'));
    await waitFor(() => expect(result.current.options.map((o) => o.value).sort()).toEqual([road.id, sewer.id].sort()));
    act(() => result.current.search('wsgw'));
    await waitFor(() => expect(result.current.options.map((o) => o.value)).toEqual([sewer.id]));
  });

  it('asks nothing while disabled', async () => {
    await project('乡村道路硬化');
    const { result } = renderHook(() => useProjectPicker({ scope: 'top', enabled: false }), { wrapper: fx.wrapper });
    await new Promise((ok) => setTimeout(ok, 50));
    expect(fx.bridge.asked).not.toContain('projects:pick');
    expect(result.current.options).toEqual([]);
  });
});

describe('current period: one for every page, the rule in the core', () => {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={fx.client}>
      <CurrentPeriodProvider>{children}</CurrentPeriodProvider>
    </QueryClientProvider>
  );

  it('starts at the core’s current period, follows a pick (remembered by the core) and goes back to the automatic choice', async () => {
    const auto = await fx.bridge.t.ok('periods:current', {});
    const { result } = renderHook(() => useCurrentPeriod(), { wrapper });
    expect(result.current.period).toBeNull();
    await waitFor(() => expect(result.current.current).toEqual(auto));
    expect(result.current.period).toBe(auto.period);
    const asked = fx.bridge.asked.length;
    await act(() => result.current.pick('2017-05'));
    await waitFor(() => expect(result.current.period).toBe('2017-05'));
    expect(fx.bridge.asked.slice(asked)).toEqual(['periods:pick']); // the pick's answer is the current period: not asked again
    expect((await fx.bridge.t.ok('periods:current', {})).period).toBe('2017-05');
    await act(() => result.current.pick(null));
    await waitFor(() => expect(result.current.period).toBe(auto.period));
  });

  it('outside its provider the hook says so in Chinese', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => renderHook(() => useCurrentPeriod(), { wrapper: fx.wrapper })).toThrow(
      'useCurrentPeriod 需在 CurrentPeriodProvider 内使用',
    );
  });

  it('the month picker shows the current period in Chinese, and nothing before the core answered', async () => {
    await fx.bridge.t.ok('periods:pick', { period: '2017-08' });
    const { container } = render(<PeriodPicker />, { wrapper });
    expect(container.querySelector('input')).toBeNull();
    await waitFor(() => expect(screen.getByLabelText('期别')).toBeTruthy());
    expect((screen.getByLabelText('期别') as HTMLInputElement).value).toBe('2017年8月');
  });
});

describe('BatchPages: the 月报 batch read a page at a time', () => {
  it('reads the first page with every row’s id, stands in for unread rows, and tells its subscribers', async () => {
    const made = [];
    for (let i = 0; i < PAGE_ROWS + 5; i++) made.push(await project(`项目${String(i).padStart(2, '0')}`));
    const core = await fx.bridge.t.ok('reports:batch', { period: '2017-09', ids: true });
    const taken: number[] = [];
    const pages = new BatchPages('2017-09', (rows) => taken.push(...rows.map((r) => r.projectId)));
    const { result } = renderHook(() => useBatchVersion(pages));
    expect(pages.loading).toBe(true);
    await act(() => pages.start());
    expect(result.current).toBe(pages.version);
    expect(result.current).toBeGreaterThan(0);
    expect(pages.loading).toBe(false);
    expect(pages.error).toBeNull();
    expect(pages.ids).toEqual(core.ids);
    expect(pages.total).toBe(core.ids!.length);
    expect(taken).toEqual(core.ids!.slice(0, PAGE_ROWS));
    expect(pages.rowAt(0).name).toBe(core.rows[0]!.name);
    expect(pages.has(0)).toBe(true);
    const last = pages.total - 1;
    expect(pages.has(last)).toBe(false);
    expect(pages.isUnread(pages.rowAt(last))).toBe(true);
    expect(pages.rowAt(last).projectId).toBe(core.ids![last]);
    await act(() => pages.ensureRows(last - 1, last));
    expect(pages.has(last)).toBe(true);
    expect(pages.isUnread(pages.rowAt(last))).toBe(false);
    expect(pages.indexOf(core.ids![last]!)).toBe(last);
    expect(made.map((p) => p.id)).toEqual(expect.arrayContaining(core.ids!));
  });

  it('reads the drawn pages one read at a time: a page wanted meanwhile and scrolled past before it ends is not read', async () => {
    for (let i = 0; i < PAGE_ROWS * 4; i++) await project(`滚动项目${String(i).padStart(3, '0')}`);
    let drawn: number[] = [];
    const pages = new BatchPages(
      '2017-09',
      () => {},
      () => drawn,
    );
    await pages.start();
    expect(pages.total).toBeGreaterThanOrEqual(PAGE_ROWS * 4);
    const [first, passed, inView] = [PAGE_ROWS + 1, PAGE_ROWS * 2 + 1, PAGE_ROWS * 3 + 1];
    const tick = () => new Promise((r) => setTimeout(r, 10));
    const release = fx.bridge.hold(); // a busy core: the first read waits while the clerk drags on
    drawn = [first];
    pages.want(first);
    await tick();
    drawn = [passed];
    pages.want(passed);
    await tick();
    drawn = [inView];
    pages.want(inView);
    await tick();
    release();
    await waitFor(() => expect(pages.has(inView)).toBe(true));
    expect(pages.has(first)).toBe(true);
    expect(pages.has(passed)).toBe(false);
  });

  it('keeps the core’s refusal as its error and stops loading', async () => {
    const pages = new BatchPages('2017-13', () => {});
    await pages.start();
    expect(pages.loading).toBe(false);
    expect(pages.error).toBeInstanceOf(ApiError);
    expect(pages.error!.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('applyApiError: the core’s field issues under their inputs', () => {
  let form: FormInstance | null = null;
  function OrgForm() {
    const [f] = Form.useForm();
    useEffect(() => {
      form = f;
    }, [f]);
    return (
      <Form form={f}>
        <Form.Item name="name" label="单位名称">
          <Input />
        </Form.Item>
      </Form>
    );
  }

  it('puts each issue under the field it names and returns the message; issues of fields not on the form stay in the message only', async () => {
    render(<OrgForm />);
    await waitFor(() => expect(form).not.toBeNull());
    const refused = await call('orgs:save', { name: '', sort: -1 } as never).then(
      () => null,
      (e: unknown) => e as ApiError,
    );
    expect(refused).toBeInstanceOf(ApiError);
    const byPath = new Map(refused!.issues.map((i) => [i.path, i.message]));
    expect(byPath.has('name') && byPath.has('sort')).toBe(true);
    let message = '';
    act(() => {
      message = applyApiError(form, refused);
    });
    expect(message).toBe(refused!.message);
    expect(form!.getFieldError('name')).toEqual([byPath.get('name')]);
    expect(form!.getFieldError('sort' as never)).toEqual([]);
    await waitFor(() => expect(screen.getByText(byPath.get('name')!)).toBeTruthy());
  });

  it('any other error: its message, the form untouched; no form: the message', () => {
    render(<OrgForm />);
    expect(applyApiError(form, new Error('网络错误'))).toBe('网络错误');
    expect(form!.getFieldError('name')).toEqual([]);
    expect(
      applyApiError(
        null,
        new ApiError('VALIDATION', '“单位名称”不能为空', [{ path: 'name', message: '“单位名称”不能为空' }]),
      ),
    ).toBe('“单位名称”不能为空');
  });
});

describe('useAppReload: after a restore the whole window reloads', () => {
  it('covers the page with a spinner naming what happens, then reloads the window', async () => {
    vi.useFakeTimers();
    const reload = vi.fn();
    const location = window.location;
    Object.defineProperty(window, 'location', { configurable: true, value: { ...location, reload } });
    try {
      function Page() {
        const { reloadApp, overlay } = useAppReload();
        return (
          <div>
            <button onClick={() => reloadApp('已恢复，正在打开台账…')}>恢复</button>
            {overlay}
          </div>
        );
      }
      render(<Page />);
      expect(screen.queryByText('已恢复，正在打开台账…')).toBeNull();
      act(() => screen.getByText('恢复').click());
      expect(screen.getByText('已恢复，正在打开台账…')).toBeTruthy();
      expect(reload).not.toHaveBeenCalled();
      act(() => vi.advanceTimersByTime(600));
      expect(reload).toHaveBeenCalledTimes(1);
    } finally {
      Object.defineProperty(window, 'location', { configurable: true, value: location });
    }
  });
});

describe('session hooks: the screen asks the same permission matrix the core enforces', () => {
  it('for each role, useMay(channel) is true exactly where the core lets the call through, useCanEdit for the editing roles', async () => {
    for (const role of ['领导', '录入员', '审核人', '管理员'] as const) {
      await fx.bridge.t.signIn(role);
      const session = await fx.bridge.t.ok('session:current', {});
      expect(session.role).toBe(role);
      const wrapper = ({ children }: { children: ReactNode }) => (
        <SessionContext.Provider value={{ session, switchOperator: () => {} }}>{children}</SessionContext.Provider>
      );
      const { result } = renderHook(
        () => ({ may: CHANNELS.map((c) => [c, useMay(c)] as const), canEdit: useCanEdit(), state: useSession() }),
        { wrapper },
      );
      // the first run hangs on whether a 管理员 exists, not on the role (the window shows it by info.needsAdmin)
      const byRole = result.current.may.filter(([c]) => permissionOf(c) !== 'firstRun');
      expect(byRole.length).toBeGreaterThan(100);
      for (const [c, may] of byRole) expect([role, c, may]).toEqual([role, c, refusal(fx.bridge.t.core, c) === null]);
      expect(result.current.canEdit).toBe(role !== '领导');
      expect(result.current.state.session).toBe(session);
      cleanup();
    }
  });

  it('signed out: nothing to edit, only the public channels; the read-only hint names the 领导', () => {
    const { result } = renderHook(() => ({
      canEdit: useCanEdit(),
      login: useMay('session:login'),
      list: useMay('projects:list'),
    }));
    expect(result.current).toEqual({ canEdit: false, login: true, list: false });
    expect(READ_ONLY_HINT).toContain('领导');
  });
});

describe('ledger columns on a project row and lookups from the core', () => {
  it('show names for ids, money in 万元 with 余 when approximate, days in Chinese; the default and fixed columns exist', async () => {
    const org = await fx.bridge.t.ok('orgs:save', { name: '县住建局', level: '县', kind: '县直部门' });
    const staff = await fx.bridge.t.ok('staff:save', {
      name: '王书记',
      title: '党委书记',
      orgId: org.id,
      active: true,
    });
    const p = await fx.bridge.t.ok('projects:create', {
      name: '乡村道路硬化',
      planYear: 2017,
      location: '镇区',
      scope: '道路',
      totalWan: '约1234.5',
      leadOrgId: org.id,
      leaderStaffId: staff.id,
      planStart: '2017-03-01',
    });
    const row = (await fx.bridge.t.ok('projects:list', {})).find((r) => r.id === p.id)!;
    const names = namesOf(await fx.bridge.t.ok('lookups:get', {}));
    expect(names.org(org.id)).toBe('县住建局');
    expect(names.staff(staff.id)).toBe('王书记');
    expect(names.org(null)).toBe('');
    expect(names.org(987654)).toBe('');
    expect(namesOf(null).org(org.id)).toBe('');
    const col = (key: string) => LEDGER_COLUMNS.find((c) => c.key === key)!;
    const shown = (key: string) => (col(key).text ?? ((r, n) => String(col(key).value(r, n) ?? '')))(row, names);
    expect(shown('name')).toBe('乡村道路硬化');
    expect(shown('lead')).toBe('县住建局');
    expect(shown('leader')).toBe('王书记');
    expect(shown('totalFen')).toBe('1,234.50余');
    expect(col('totalFen').value(row, names)).toBe(1_234_500_000);
    expect(col('totalFen').raw!(row)).toBe('1234.50');
    expect(shown('planStart')).toBe(formatDateCn('2017-03-01'));
    expect(shown('govFunded')).toMatch(/^[是否]$/);
    expect(col('totalFen').title).toContain('万元');
    for (const k of [...DEFAULT_COLUMNS, ...FIXED_COLUMNS]) expect(LEDGER_COLUMNS.map((c) => c.key)).toContain(k);
    for (const c of LEDGER_COLUMNS) expect(c.title).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('useColumnLayout: widths and frozen columns remembered per sheet', () => {
  it('a column dragged and a freeze chosen before the remembered layout arrives (a busy machine) are kept, and remembered with the rest', async () => {
    await fx.bridge.t.ok('settings:setUi', { key: 'sheet.test.widths', value: { name: 200 } });
    await fx.bridge.t.ok('settings:setUi', { key: 'sheet.test.frozen', value: 'name' });
    const release = fx.bridge.hold();
    const { result } = renderHook(() => useColumnLayout('sheet.test', ''));
    act(() => {
      result.current.onResize('phone', 150, true);
      result.current.setFrozen('title');
    });
    await act(async () => {
      release();
      await new Promise((ok) => setTimeout(ok, 50));
    });
    await waitFor(() => expect(result.current.widths).toEqual({ name: 200, phone: 150 }));
    expect(result.current.frozen).toBe('title');
    await waitFor(async () =>
      expect((await fx.bridge.t.ok('settings:getUi', { key: 'sheet.test.widths' })).value).toEqual({
        name: 200,
        phone: 150,
      }),
    );
    expect((await fx.bridge.t.ok('settings:getUi', { key: 'sheet.test.frozen' })).value).toBe('title');
  });
});
