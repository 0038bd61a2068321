/**
 * 领导批示 on a project or on a 督办单. In a Chinese town office the 批示 is the leader's own act: the 领导 writes it
 * in their own name; a 管理员 may enter one a leader gave on paper (naming the leader and the day), as the office's
 * 文书 does with a signed 批办单. 录入员 and 审核人 may not (the permission matrix refuses them before this runs).
 * A 批示 is a record: it is kept, shown and printed, never edited or deleted.
 */
import { formatDateCn, todayIso } from '../../../shared/domain/dates.ts';
import type { Instruction } from '../../../shared/schemas/instruction.ts';
import { appendChanges } from '../audit/change-log.ts';
import { nowIso, type Ctx } from '../context.ts';
import { notFound, validationError } from '../errors.ts';
import * as repo from '../repositories/instruction.repository.ts';

export function toInstruction(r: repo.InstructionRow): Instruction {
  return {
    id: r.id,
    projectId: r.project_id,
    projectName: r.project_name,
    supervisionId: r.supervision_id,
    supervisionNo: r.supervision_no,
    leader: r.leader,
    givenOn: r.given_on,
    content: r.content,
    enteredBy: r.entered_by,
    createdAt: r.created_at,
  };
}

export function listInstructions(ctx: Ctx, f: repo.InstructionFilter): Instruction[] {
  return repo.listInstructionRows(ctx.db, f).map(toInstruction);
}

export interface AddInstruction {
  projectId?: number;
  supervisionId?: number;
  content: string;
  givenOn: string | null;
  leaderName: string | null;
}

export function addInstruction(ctx: Ctx, input: AddInstruction): Instruction {
  return ctx.db.tx(() => {
    let projectId = input.projectId;
    let orderNo: string | null = null;
    let orderIssued: string | null = null;
    if (input.supervisionId !== undefined) {
      const order = repo.supervisionProject(ctx.db, input.supervisionId);
      if (!order) throw notFound('督办单', input.supervisionId);
      if (projectId !== undefined && projectId !== order.project_id)
        throw validationError([{ path: 'supervisionId', message: `督办单${order.no ?? ''}不属于所选项目` }]);
      projectId = order.project_id;
      orderNo = order.no;
      orderIssued = order.issued;
    }
    if (projectId === undefined) throw validationError([{ path: 'projectId', message: '请选择要批示的项目或督办单' }]);
    const projectName = repo.liveProjectName(ctx.db, projectId);
    if (projectName === undefined) throw notFound('项目', projectId);

    const { operator, role } = ctx.session;
    // A 领导 signs in their own name; only a 管理员 recording a paper instruction names someone else.
    if (role === '领导' && input.leaderName !== null && input.leaderName !== operator)
      throw validationError([{ path: 'leaderName', message: `领导只能以本人名义批示（当前操作员：${operator}）` }]);
    const leader = role === '领导' ? operator : (input.leaderName ?? operator);
    const today = todayIso(ctx.now());
    const givenOn = input.givenOn ?? today;
    if (givenOn > today)
      throw validationError([
        { path: 'givenOn', message: `批示日期（${formatDateCn(givenOn)}）不能晚于今天（${formatDateCn(today)}）` },
      ]);
    // A 批示 on a 督办单 answers it: it cannot be older than the order (a paper 批示 typed in with a wrong year).
    if (orderIssued !== null && givenOn < orderIssued)
      throw validationError([
        {
          path: 'givenOn',
          message: `批示日期（${formatDateCn(givenOn)}）不能早于督办单${orderNo ?? ''}的下达日期（${formatDateCn(orderIssued)}）`,
        },
      ]);

    const at = nowIso(ctx);
    const id = repo.insertInstruction(ctx.db, {
      project_id: projectId,
      supervision_id: input.supervisionId ?? null,
      leader,
      given_on: givenOn,
      content: input.content,
      entered_by: operator,
      created_at: at,
    });
    appendChanges(ctx.db, operator, at, [
      {
        action: '新增',
        entity: 'instruction',
        entityId: id,
        projectId,
        newValue: `${leader}${formatDateCn(givenOn)}批示：${input.content}`,
        reason: orderNo ? `批示于督办单${orderNo}` : `批示于项目“${projectName}”`,
      },
    ]);
    const row = repo.listInstructionRows(ctx.db, { projectId }).find((r) => r.id === id)!;
    return toInstruction(row);
  });
}
