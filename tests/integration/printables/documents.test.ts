import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOC_KINDS } from '../../../shared/schemas/printables.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';
import { puzhouWithOrders } from './fixture.ts';

let t: TempCore;
let projectId: number;
let redOrderId: number;
beforeAll(async () => {
  ({ t, projectId, redOrderId } = await puzhouWithOrders());
});
afterAll(() => t.cleanup());

const render = async (doc: (typeof DOC_KINDS)[number], more: Record<string, unknown> = {}) =>
  (await t.ok('reports:render', { doc, period: '2017-09', ...more })).html;
const text = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '');

describe('every document renders for 蒲州镇 at 2017-09 as a self-contained page', () => {
  it.each(DOC_KINDS.map((d) => [d]))('%s', async (doc) => {
    const r = await t.ok('reports:render', { doc, period: '2017-09' });
    expect(r.html.startsWith('<!doctype html>')).toBe(true);
    expect(r.html).toContain('@page');
    expect(r.html).not.toMatch(/<script/i);
    expect(r.html).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/|file:)/i);
    expect(r.html).not.toMatch(/url\(\s*["']?(https?:|\/\/)/i);
    expect(text(r.html)).toContain('蒲州镇');
    expect(r.fontsNote).toMatch(/方正小标宋简体|宋体/);
  });
});

describe('工作简报', () => {
  it('prints the overall figures from the period figures, a red 报头 and 第1期 for the first issue of the year', async () => {
    const html = await render('briefing');
    const body = text(html);
    expect(body).toContain('蒲州镇小城镇建设工作简报');
    expect(body).toContain('第1期');
    expect(body).toContain('项目24个');
    expect(body).toContain('总投资21390.00万元');
    expect(body).toContain('开工率');
    expect(body).toContain('报送：永济市小城镇建设领导组办公室');
    expect(html).toMatch(/\.bt-title \{ color: #d40000/);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it('says when the month is not wholly submitted: owed, submitted, missing, and drafts counted', async () => {
    expect(text(await render('briefing'))).not.toContain('本月应报月报'); // September: every report owed is in
    const f = await t.ok('figures:period', { period: '2017-09' });
    const [a] = f.projects.filter((p) => p.report && !p.isParent).map((p) => p.id);
    await t.ok('reports:save', { period: '2017-10', rows: [{ projectId: a!, monthWan: '1', imageText: '施工' }] });
    const oct = text((await t.ok('reports:render', { doc: 'briefing', period: '2017-10' })).html);
    expect(oct).toMatch(/本月应报月报\d+个项目，已报送0个，未报\d+个（本月完成投资按0计），草稿1个按所填数计入。/);
  });

  it('does not praise as 进度较快 a project whose 累计 exceeds its 总投资 (the 月报 flags it)', async () => {
    const fast = /进度较快的项目：([^。]*)。/;
    const first = fast.exec(text(await render('briefing')))![1]!.split('（')[0]!;
    const f = await t.ok('figures:period', { period: '2017-09' });
    const p = f.projects.find((x) => x.name === first)!;
    await t.ok('projects:update', { id: p.id, patch: { totalWan: String(p.cumFen / 1_000_000 - 1) } });
    try {
      expect((await t.ok('figures:period', { period: '2017-09' })).projects.find((x) => x.id === p.id)!.flags).toEqual([
        '累计超总投资',
      ]);
      expect(fast.exec(text(await render('briefing')))?.[1] ?? '').not.toContain(first);
    } finally {
      await t.ok('projects:update', { id: p.id, patch: { totalWan: String(p.totalFen / 1_000_000) } });
    }
  });

  it('saves the editable texts per issue, numbers issues per year and 增刊 separately, refuses a duplicate number', async () => {
    const first = await t.ok('briefings:save', {
      year: 2017,
      period: '2017-09',
      highlights: '亮点甲\n亮点乙',
      problems: '问题<丙>',
      nextSteps: '打算丁',
      copies: 40,
    });
    expect(first).toMatchObject({ no: 1, supplement: false, copies: 40 });
    const html = await render('briefing', { briefingId: first.id });
    expect(text(html)).toContain('亮点乙');
    expect(html).toContain('问题&lt;丙&gt;');
    expect(text(html)).toContain('共印40份');
    const second = await t.ok('briefings:save', { year: 2017, period: '2017-10' });
    expect(second.no).toBe(2);
    const extra = await t.ok('briefings:save', { year: 2017, period: '2017-10', supplement: true });
    expect(extra).toMatchObject({ no: 1, supplement: true });
    expect(text(await render('briefing', { briefingId: extra.id }))).toContain('增刊第1期');
    const dup = await t.call('briefings:save', { year: 2017, period: '2017-09', no: 2 });
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const wrongYear = await t.call('briefings:save', { year: 2018, period: '2017-09' });
    expect(wrongYear.ok).toBe(false);
    const opts = await t.ok('reports:options', { period: '2017-09' });
    expect(opts.briefing.id).toBe(first.id);
    expect(opts.briefings.map((b) => b.no).sort()).toEqual([1, 1, 2]);
  });

  it('the kept preview (until the next write) follows every write: a saved text, a project’s 总投资', async () => {
    const before = await render('briefing');
    expect(await render('briefing')).toBe(before);
    const issue = (await t.ok('reports:options', { period: '2017-09' })).briefing;
    await t.ok('briefings:save', {
      id: issue.id!,
      year: 2017,
      no: issue.no,
      supplement: false,
      period: '2017-09',
      highlights: '亮点戊',
      problems: null,
      nextSteps: null,
    });
    const saved = await render('briefing');
    expect(text(saved)).toContain('亮点戊');
    expect((await t.ok('reports:options', { period: '2017-09' })).briefing.highlights).toBe('亮点戊');
    const totalFen = t.core.ctx.db.sqlite
      .prepare('SELECT total_fen FROM project WHERE id = ?')
      .pluck()
      .get(projectId) as number;
    await t.ok('projects:update', { id: projectId, patch: { totalWan: '99999' } });
    const after = text(await render('briefing'));
    expect(after).not.toContain('总投资21390.00万元');
    expect(after).toContain('亮点戊');
    await t.ok('projects:update', { id: projectId, patch: { totalWan: (totalFen / 1_000_000).toFixed(2) } });
    expect(text(await render('briefing'))).toContain('总投资21390.00万元');
  });
});

describe('重点项目建设进展情况表', () => {
  it('has the §2.1 columns, a 合计 row equal to the ledger, section subtotals and the signature footer', async () => {
    const html = await render('progress');
    const body = text(html);
    for (const h of [
      '序号',
      '项目名称',
      '建设性质',
      '建设内容及规模',
      '建设起止年限',
      '总投资',
      '至上年底累计完成投资',
      '2017年计划投资',
      '本月',
      '1-9月累计',
      '占年度计划%',
      '开工以来累计完成投资',
      '形象进度',
      '计划开工',
      '计划竣工',
      '责任领导',
      '责任单位',
      '存在问题',
      '下步计划',
      '备注（预警）',
    ]) {
      expect(body, h).toContain(h);
    }
    expect(html).toMatch(/<tr class="total"><td colspan="5">合计（24个）<\/td><td class="num">21390\.00<\/td>/);
    const stats = await t.ok('stats:summary', {});
    expect(stats.totalInvestmentFen).toBe(21_390_000_000);
    // Section subtotals add up to the 合计.
    const subtotals = [
      ...html.matchAll(/<tr class="section"><td colspan="5">[^<]*<\/td><td class="num">([\d.]+)<\/td>/g),
    ].map((m) => Number(m[1]));
    expect(subtotals.reduce((a, b) => a + b, 0).toFixed(2)).toBe('21390.00');
    expect(html).toContain('<thead>');
    expect(body).toContain('单位负责人：');
    expect(body).toContain('填报日期：');
  });

  it('leaves out sections the settings leave out, and switches to A3 when A4 portrait would need a font below the minimum', async () => {
    const r = await t.ok('reports:render', {
      doc: 'progress',
      period: '2017-09',
      settings: { paper: 'A4', orientation: 'portrait', sections: [] },
    });
    expect(r.paper).toBe('A3');
    expect(r.orientation).toBe('landscape');
    expect(r.fontsNote).toContain('已改用A3横向');
    expect(text(r.html)).not.toContain('单位负责人');
    const a4 = await t.ok('reports:render', {
      doc: 'progress',
      period: '2017-09',
      settings: { paper: 'A4', orientation: 'landscape' },
    });
    expect([a4.paper, a4.orientation]).toEqual(['A4', 'landscape']);
  });
});

describe('滞后/预警清单', () => {
  it('lists only red and yellow projects, red first, with the number of 督办单', async () => {
    const html = await render('lagging');
    const rows = [...html.matchAll(/<tr class="(red|yellow)">/g)].map((m) => m[1]);
    const f = await t.ok('figures:period', { period: '2017-09' });
    const flagged = f.projects.filter((p) => !p.isParent && (p.level === 'red' || p.level === 'yellow'));
    expect(rows.length).toBe(flagged.length);
    expect(rows.indexOf('yellow')).toBe(flagged.filter((p) => p.level === 'red').length);
    expect(rows.slice(rows.indexOf('yellow'))).not.toContain('red');
    expect(text(html)).toContain('断头路打通');
    expect(html).not.toContain('垃圾中转站'); // green
    expect(html).toMatch(/断头路打通[\s\S]*?2017年10月15日<\/td><td class="c">2<\/td>/);
  });

  it('says how far behind a project red for its 资金支付 is, in its 差距 (it printed —)', async () => {
    const html = await render('lagging', { period: '2017-05' });
    expect(text(html)).toMatch(/垃圾中转站资金支付资金支付率0\.0%，低于50%/);
  });
});

describe('一项目一档', () => {
  it('shows one project with funding, milestones, six months of reports, 督办 history, photos (missing one marked) and the checklist', async () => {
    const html = await render('card', { projectId });
    const body = text(html);
    expect(body).toContain('断头路打通');
    expect(body).toContain('资金构成与到位');
    expect(body).toContain('主体完工');
    expect(body).toMatch(/逾期30天/);
    // The six months of reports, read as 2017年4月 … 2017年9月 (issue 17: one look; the ISO month was the defect).
    expect(body).toContain('2017年4月');
    expect(body).toContain('2017年9月');
    expect(body).not.toMatch(/\b2017-0[4-9]\b(?!-)/);
    expect(body).toContain('红色督办（约谈）');
    expect(html).toContain('data:image/png;base64,');
    expect(body).toContain('照片缺失');
    expect(body).toContain('☑ 批复');
    expect(body).toContain('☐ 审计');
    expect((html.match(/class="sheet page card"/g) ?? []).length).toBe(1);
    // 实际开工 as a day, as the project's page shows it (the card printed 2017年4月 for 2017年4月1日)
    const started = t.core.ctx.db.sqlite.prepare(`SELECT act_start FROM project WHERE id = ?`).pluck().get(projectId);
    expect(started).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [y, m, d] = String(started).split('-').map(Number);
    expect(body).toContain(`实际开工${y}年${m}月${d}日`);
  });

  it('names the 责任人 beside the 包联领导 (name and 职务 as 人员 keeps them), the 实施主体 beside the 责任单位', async () => {
    // The project carries a 责任人 (manager_staff_id, read by 导入台账 too) but its card had no row for it.
    const html = await render('card', { projectId });
    expect(html).toContain(
      '<th>包联领导</th><td>周志强\u3000副镇长</td><th>责任人</th><td>王德胜\u3000交通道路站长</td><th>联系人</th>',
    );
    expect(html).toMatch(
      /<th>实施主体<\/th><td>蒲州镇人民政府<\/td><th>责任单位<\/th><td colspan="3">蒲州镇交通道路站/,
    );
    // another 责任人 is the card's at once; none leaves the cell empty
    const s = t.core.ctx.db.sqlite;
    const feng = s.prepare("SELECT id FROM staff WHERE name = '冯春生'").pluck().get() as number;
    await t.ok('projects:update', { id: projectId, patch: { managerStaffId: feng } });
    expect(await render('card', { projectId })).toContain('<th>责任人</th><td>冯春生\u3000水利站站长</td>');
    await t.ok('projects:update', { id: projectId, patch: { managerStaffId: null } });
    expect(await render('card', { projectId })).toContain('<th>责任人</th><td></td>');
    const wang = s.prepare("SELECT id FROM staff WHERE name = '王德胜'").pluck().get() as number;
    await t.ok('projects:update', { id: projectId, patch: { managerStaffId: wang } });
  });

  it('on an empty ledger prints a page that says so, not a blank one', async () => {
    const empty = await tempCore();
    try {
      const r = await empty.ok('reports:render', { doc: 'card', period: '2017-09' });
      expect(text(r.html)).toContain('台账中还没有项目，没有可打印的项目档案');
    } finally {
      empty.cleanup();
    }
  });

  it('a sub-project’s card names the project it belongs to', async () => {
    const f = await t.ok('figures:period', { period: '2017-09' });
    const sub = f.projects.find((p) => p.parentId !== null)!;
    const parent = f.projects.find((p) => p.id === sub.parentId)!;
    expect(text(await render('card', { projectId: sub.id }))).toContain(`所属项目：${parent.name}`);
    expect(text(await render('card', { projectId: parent.id }))).not.toContain('所属项目：');
  });

  it('without a project prints every project, each followed by its sub-projects; or the top-level ones only', async () => {
    const f = await t.ok('figures:period', { period: '2017-09' });
    const cards = (html: string) => [...html.matchAll(/class="sheet page card"/g)].length;
    const html = await render('card');
    expect(cards(html)).toBe(f.projects.length);
    // a sub-project's card right after its project's (所属项目 names it)
    const sub = f.projects.find((p) => p.parentId !== null)!;
    const parent = f.projects.find((p) => p.id === sub.parentId)!;
    expect(text(html).indexOf(`所属项目：${parent.name}`)).toBeGreaterThan(text(html).indexOf(parent.name));
    const sections = (await t.ok('reports:getSettings', { doc: 'card' })).sections.filter(
      (k) => k !== 'subProjectCards',
    );
    expect(cards(await render('card', { settings: { sections } }))).toBe(24);
  });

  it('reports an unknown project in Chinese', async () => {
    expect(await t.call('reports:render', { doc: 'card', period: '2017-09', projectId: 99999 })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('督办单', () => {
  it('prints the order in its colour with its escalation level, the history and escaped content', async () => {
    const html = await render('supervision', { supervisionId: redOrderId });
    const body = text(html);
    expect(body).toContain('红色督办');
    expect(body).toContain('三级（约谈）');
    expect(html).toContain('--ink:#c00000');
    expect(html).toContain('&lt;b&gt;须约谈&lt;/b&gt; &amp; 限期整改');
    expect(body).toContain('督办经过');
    expect(body).toContain('蓝色督办（提醒）');
    expect(body).toContain('督办〔2017〕5号');
  });
});

describe('挂图作战图', () => {
  it('has the twelve months, the period framed, flags for reached and overdue milestones', async () => {
    const html = await render('wallchart');
    for (let m = 1; m <= 12; m++) expect(html).toContain(`${m}月</th>`);
    expect(html).toContain('<th class="cur">9月</th>');
    expect(html).toMatch(/class="mk done"/);
    expect(html).toMatch(/class="mk late"[^]*?主体完工/);
  });

  it('numbers sub-projects 1-1, 1-2 under their project, as the 进展情况表, T1–T4 and the 资金 page do', async () => {
    const html = await render('wallchart');
    const seq = (name: string) =>
      new RegExp(`<td class="c">([^<]*)</td><td class="name">${name}</td>`).exec(html)?.[1] ?? null;
    expect(seq('蒲州镇旅游景区提升工程')).toBe('1');
    expect(seq('新建旅游接待中心')).toBe('1-1');
    expect(seq('特色观光农业')).toBe('1-7');
    expect(seq('商业街硬化工程')).toBe('3-1');
    expect(html).not.toMatch(/<td class="c">\d+\.\d+<\/td>/);
  });
});

describe('print settings are saved per document', () => {
  it('round-trips and applies them', async () => {
    expect(await t.ok('reports:getSettings', { doc: 'card' })).toMatchObject({ paper: 'A4', orientation: 'portrait' });
    const saved = await t.ok('reports:saveSettings', {
      doc: 'card',
      settings: { paper: 'A4', orientation: 'portrait', sections: ['basic', 'photos', 'bogus'], minFontPt: 8 },
    });
    expect(saved.sections).toEqual(['basic', 'photos']);
    expect(await t.ok('reports:getSettings', { doc: 'card' })).toEqual(saved);
    const html = await render('card', { projectId });
    expect(text(html)).not.toContain('档案清单');
    expect(text(html)).toContain('现场照片');
    expect(await t.ok('reports:getSettings', { doc: 'progress' })).toMatchObject({
      paper: 'A3',
      orientation: 'landscape',
    });
    // The change log names a 最小字号 only for the document that uses one (the 进展表).
    const logged = () =>
      t.core.ctx.db.sqlite.prepare(`SELECT new_value FROM change_log ORDER BY id DESC LIMIT 1`).pluck().get() as string;
    expect(logged()).toMatch(/^纸张A4 纵向；栏目：/);
    await t.ok('reports:saveSettings', {
      doc: 'progress',
      settings: { ...(await t.ok('reports:getSettings', { doc: 'progress' })), minFontPt: 7 },
    });
    expect(logged()).toMatch(/^纸张A3 横向，最小字号7磅；栏目：/);
  });

  it('never injects user text as markup', async () => {
    const p = await t.ok('projects:create', {
      name: '<img src=x onerror=alert(1)>工程',
      planYear: 2017,
      location: '镇区',
      scope: 'a & b',
      totalWan: '1',
      planStart: '2017-05-01',
      planEnd: '2017-12-31',
    });
    const html = await render('progress');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;工程');
    expect(html).not.toContain('<img src=x');
    await t.ok('projects:delete', { id: p.id });
  });
});

describe('督办 after the month on paper (issue of an acceptance run)', () => {
  beforeAll(async () => {
    // the card prints its 督办 section again (a test above left it out of the saved settings)
    await t.ok('reports:saveSettings', {
      doc: 'card',
      settings: { paper: 'A4', orientation: 'portrait', sections: ['basic', 'supervision'], minFontPt: 8 },
    });
  });

  it('an escalated order reads 已升级为…, not 已办结, on the order, in the history and on the card', async () => {
    const s = t.core.ctx.db.sqlite;
    // escalation closes the order it escalates (supervision:escalate does so); written as a write of the core
    t.core.ctx.db.tx(() =>
      s.prepare(`UPDATE supervision SET closed = 1, closed_at = '2017-09-15' WHERE no = '督办〔2017〕1号'`).run(),
    );
    const blueId = (s.prepare(`SELECT id FROM supervision WHERE no = '督办〔2017〕1号'`).get() as { id: number }).id;
    expect(text(await render('supervision', { supervisionId: blueId }))).toContain(
      '办结情况已升级为红色督办（督办〔2017〕5号）',
    );
    const red = text(await render('supervision', { supervisionId: redOrderId }));
    expect(red).toMatch(/蓝色督办（提醒），时限2017年8月31日，已升级为红色督办（督办〔2017〕5号）/);
    const card = text(await render('card', { projectId }));
    expect(card).toContain('已升级为红色督办（督办〔2017〕5号）');
    expect(card).not.toMatch(/。，时限/);
  });

  it('the month’s lagging list and card count orders issued after its end, as its 督办单 printout does', async () => {
    const s = t.core.ctx.db.sqlite;
    t.core.ctx.db.tx(() =>
      s
        .prepare(
          `INSERT INTO supervision (project_id, no, color, interview, issued, deadline, content, closed, created_by)
       VALUES (?, '督办〔2017〕9号', '红', 1, '2017-10-08', '2017-10-31', '九月仍滞后，约谈。', 0, '测试员')`,
        )
        .run(projectId),
    );
    expect(await render('lagging')).toMatch(/断头路打通[\s\S]*?<td class="c">3<\/td>/);
    expect(text(await render('card', { projectId }))).toContain('2017年10月8日 红色督办（约谈）：九月仍滞后，约谈');
  });
});
