/**
 * The single call pipeline shared by Electron IPC, the browser test harness and the CLI:
 * channel check → permission (shared/ipc/permissions.ts, before the input is even looked at) → zod input (strict:
 * a key the channel does not take is refused and named, contract.ts) → handler → result envelope. Nothing thrown escapes:
 * business errors keep their Chinese message, SQLite errors are translated, the rest become INTERNAL.
 */
import { isChannel } from '../../shared/ipc/channels.ts';
import { contract } from '../../shared/ipc/contract.ts';
import type { FieldIssue, Result } from '../../shared/ipc/result.ts';
import { pathParts } from '../../shared/fields/labels.ts';
import { labelOf } from '../../shared/fields/registry.ts';
import { isGenericMessage } from '../../shared/schemas/zod-zh.ts';
import { wellFormedDeep } from '../../shared/domain/well-formed.ts';
import type { Core } from './index.ts';
import { AppError } from './errors.ts';
import { anchorAfterWrite } from './audit/seal-startup.ts';
import { refusal } from './permission.ts';
import { idleSignOut, noteActivity } from './session-idle.ts';
import { runInCallScope, type CallScope } from './progress.ts';

/**
 * `scope` carries progress and cancellation of this one call, and whether the renderer made it on its own (the core
 * host passes them; see progress.ts). A lapsed session is signed out before anything else (session-idle.ts).
 */
export async function handleCall(
  core: Core,
  channel: string,
  raw: unknown,
  scope: CallScope = {},
): Promise<Result<unknown>> {
  if (!isChannel(channel))
    return { ok: false, error: { code: 'VALIDATION', message: `未知的调用通道：${String(channel).slice(0, 60)}` } };
  const background = scope.background === true;
  if (core.mode === 'normal') {
    let lapsed;
    try {
      lapsed = idleSignOut(core.ctx, channel);
    } catch (err) {
      return { ok: false, error: toErrorBody(err, core.log) };
    }
    if (lapsed) {
      anchorQuietly(core);
      return { ok: false, error: lapsed };
    }
    noteActivity(core.ctx, channel, background);
  }
  const refused = refusal(core, channel);
  if (refused) return { ok: false, error: refused };
  const parsed = contract[channel].input.safeParse(withoutUndefinedKeys(wellFormedDeep(raw)));
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.flatMap((i) => {
      if (i.code === 'unrecognized_keys') return unknownKeyIssues(channel, i.path, i.keys);
      const path = i.path.map(String).join('.');
      const { where, leaf } = pathParts(channel, i.path);
      // zod's generic messages have no subject: the field's name goes in front (“原因”不能为空); the domain's own
      // messages name it already. A list row is named before either (资金构成第2行：…).
      const body = isGenericMessage(i.message)
        ? leaf
          ? `“${leaf}”${i.message}`
          : where
            ? i.message
            : `提交的内容有误：${i.message}`
        : i.message;
      const message = where ? `${where}：${body}` : body;
      return { path, message };
    });
    return {
      ok: false,
      error: { code: 'VALIDATION', message: issues.map((i) => i.message).join('；') || '输入有误', issues },
    };
  }
  const started = performance.now();
  try {
    const data = await runInCallScope(scope, () => core.dispatch(channel, parsed.data as never));
    if (core.mode === 'normal') anchorAfterWrite(core.ctx.db, core.ctx.now());
    return { ok: true, data };
  } catch (err) {
    // A refused call may have written what must outlive the refusal (a wrong password's count and its 登录记录 row):
    // the anchor follows it as it follows every write.
    const error = toErrorBody(err, core.log);
    anchorQuietly(core);
    return { ok: false, error };
  } finally {
    if (core.mode === 'normal') noteActivity(core.ctx, channel, background);
    const ms = performance.now() - started;
    if (ms > 50) core.log(`慢调用 ${channel} ${ms.toFixed(0)}ms`);
  }
}

/**
 * A key whose value is undefined is no key: JSON (browser mode, the CLI) cannot carry one, Electron's structured clone
 * does. Dropped here, every shell hands the core the same input, and the strict inputs (contract.ts) do not refuse
 * in the window a key that browser mode — where the e2e tests run — never sends.
 */
function withoutUndefinedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefinedKeys);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefinedKeys(v)]),
    );
  return value;
}

/**
 * A key the channel does not take (contract.ts makes every input strict): one issue per key, its path the key's,
 * the message naming the key as sent and where it was, in the words of the field registry — 不认识的字段“totalFen”
 * （修改内容中）. The key itself is quoted as the caller wrote it: it has no Chinese name, being no field at all.
 */
function unknownKeyIssues(channel: string, at: readonly PropertyKey[], keys: readonly string[]): FieldIssue[] {
  const { where, leaf } = pathParts(channel, at);
  return keys.map((key) => {
    const shown = key.length > 60 ? `${key.slice(0, 60)}…` : key;
    const body = `不认识的字段“${shown}”${leaf ? `（${leaf}中）` : ''}`;
    return { path: [...at.map(String), key].join('.'), message: where ? `${where}：${body}` : body };
  });
}

/** anchorAfterWrite on a refusal's path, where a failure of its own must not replace the refusal. */
function anchorQuietly(core: Core): void {
  try {
    if (core.mode === 'normal') anchorAfterWrite(core.ctx.db, core.ctx.now());
  } catch (e) {
    core.log(`留痕锚点未能更新：${(e as Error).message}`);
  }
}

export function toErrorBody(err: unknown, log: (m: string) => void = console.error) {
  if (err instanceof AppError) return err.toBody();
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    if (code === 'SQLITE_FULL')
      return { code: 'INTERNAL' as const, message: '磁盘空间已满，本次修改未保存，数据库保持原样。请清理磁盘后重试。' };
    if (code.startsWith('SQLITE_IOERR')) {
      log(`读写错误：${code} ${(err as Error).message}`);
      return {
        code: 'INTERNAL' as const,
        message: '写入台账文件时磁盘出错，本次修改未保存，已撤销。请检查硬盘或U盘后重试，并尽快备份。',
      };
    }
    if (code.startsWith('SQLITE_CONSTRAINT')) {
      log(`约束错误：${(err as Error).message}`);
      return {
        code: 'VALIDATION' as const,
        message: `数据不符合约束，未保存（${constraintText(code)}${constrainedFields((err as Error).message)}）`,
      };
    }
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
      return { code: 'CONFLICT' as const, message: '台账正被另一个程序使用，请稍后再试。本次修改未保存。' };
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      return { code: 'DB_DAMAGED' as const, message: '数据库文件已损坏，请从备份恢复' };
  }
  log(`内部错误：${(err as Error)?.stack ?? String(err)}`);
  return { code: 'INTERNAL' as const, message: '程序内部错误，本次操作未保存。请重试；若反复出现，请联系技术支持。' };
}

function constraintText(code: string): string {
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
      return '与已有记录重复';
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return '关联的记录不存在或仍被引用';
    case 'SQLITE_CONSTRAINT_CHECK':
      return '数值超出允许范围';
    case 'SQLITE_CONSTRAINT_NOTNULL':
      return '缺少必填项';
    default:
      return '与台账中的其他记录不一致';
  }
}

/**
 * SQLite names the columns in English ("UNIQUE constraint failed: project.code, project.year"); the clerk is
 * told the fields by their registry labels instead (：项目编号), and nothing when a column is not registered.
 */
function constrainedFields(sqliteMessage: string): string {
  const columns = /constraint failed: (.+)$/.exec(sqliteMessage)?.[1]?.split(',') ?? [];
  const labels = columns
    .map((c) => c.trim().split('.'))
    .map(([table = '', column = '']) =>
      labelOf(
        table,
        column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()),
      ),
    )
    .filter(Boolean);
  return labels.length ? `：${[...new Set(labels)].join('、')}` : '';
}
