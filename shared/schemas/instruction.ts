/**
 * 领导批示: a leader's written instruction on a project or on a 督办单, kept with the leader's name and the day.
 * Written by the 领导 (in their own name) or by a 管理员 recording an instruction given on paper (then naming the
 * leader); see shared/ipc/permissions.ts ('instruct').
 */
import { labels } from '../fields/registry.ts';
import { id, optIsoDate, optText, reqText } from './common.ts';
import { z } from './zod-zh.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_INSTRUCTION = labels('instruction');

export const InstructionListInputSchema = z
  .object({ projectId: id.optional(), supervisionId: id.optional() })
  .optional()
  .default({});

export const InstructionAddInputSchema = z.object({
  /** The project; may be left out when a 督办单 is named (its project is taken). */
  projectId: id.optional(),
  supervisionId: id.optional(),
  content: reqText(L_INSTRUCTION.content, 2, 1000),
  /** The day the leader gave it; today when absent. A 管理员 entering a paper instruction gives its date. */
  givenOn: optIsoDate(L_INSTRUCTION.givenOn),
  /** Only for a 管理员 entering an instruction a leader gave on paper; a 领导 always signs in their own name. */
  leaderName: optText(L_INSTRUCTION.leaderName, 40),
});

export const InstructionSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectName: z.string(),
  supervisionId: z.number().int().nullable(),
  supervisionNo: z.string().nullable(),
  leader: z.string(),
  givenOn: z.string(),
  content: z.string(),
  enteredBy: z.string(),
  createdAt: z.string(),
});
export type Instruction = z.infer<typeof InstructionSchema>;
