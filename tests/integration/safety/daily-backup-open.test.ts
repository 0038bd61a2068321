// 每日自动备份 for a ledger left open: an office PC keeps the program open for days, and the day's backup was looked
// for only when the ledger was opened — none was taken after the first morning. The core now looks every hour (here
// every 20 ms, on the core's own clock moved a day on): one 每日 backup per day, none twice.
import { afterEach, describe, expect, it } from 'vitest';
import { backupNames } from '../../../electron/core/backup/backup-files.ts';
import { settleBackupChecks } from '../../../electron/core/backup/backup.service.ts';
import { tempCore, type TempCore } from '../../helpers/temp-core.ts';

let t: TempCore | null = null;
afterEach(async () => {
  await settleBackupChecks();
  t?.cleanup();
  t = null;
});

const dailies = (dir: string) => backupNames(dir).filter((n) => n.includes('-每日'));
const until = async (ok: () => boolean) => {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe('a ledger left open', () => {
  it('takes the day’s backup once a day, and not twice the same day', async () => {
    let clock = new Date('2017-10-08T09:00:00+08:00');
    t = await tempCore({ autoBackup: true, dailyBackupEveryMs: 20, now: () => clock });
    const dir = t.core.ctx.paths.backupsDir;
    await t.ok('app:onboard', { mode: 'demo' });
    {
      await until(() => dailies(dir).length === 1);
      expect(dailies(dir)).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 100)); // several more looks the same day
      expect(dailies(dir)).toHaveLength(1);
      clock = new Date('2017-10-09T08:30:00+08:00'); // the next morning, the program still open
      await until(() => dailies(dir).length === 2);
      expect(dailies(dir)).toHaveLength(2);
      expect(dailies(dir), '9 October’s').toEqual(expect.arrayContaining([expect.stringMatching(/2017-?10-?09/)]));
    }
    // closed, that core looks no more: the next day passes without a backup (the ledger opened again without them)
    await t.reopen({ autoBackup: false });
    clock = new Date('2017-10-10T08:30:00+08:00');
    await new Promise((r) => setTimeout(r, 100));
    expect(dailies(dir)).toHaveLength(2);
  });
});
