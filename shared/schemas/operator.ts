/** Operators (操作员) and the working session: who is at the keyboard, and whether they may write. */
import { OPERATOR_ROLES } from '../domain/vocab.ts';
import { id, oneOf, optId, reqText } from './common.ts';
import { z } from './zod-zh.ts';
import { labels } from '../fields/registry.ts';

/** Field names from the field registry (shared/fields/registry.ts). */
const L_OPERATOR = labels('operator');

export const OperatorSchema = z.object({
  id,
  name: z.string(),
  role: z.enum(OPERATOR_ROLES),
  hasPassword: z.boolean(),
  createdAt: z.string(),
});
export type Operator = z.infer<typeof OperatorSchema>;

export const OperatorSaveSchema = z.object({
  id: optId,
  name: reqText(L_OPERATOR.name, 2, 20),
  role: oneOf(OPERATOR_ROLES, L_OPERATOR.role),
  /** A new password (required for a new operator); absent or '' keeps the current one. */
  password: z.string().max(64, '密码不能超过64个字符').optional(),
  removePassword: z.boolean().default(false),
});
export type OperatorSave = z.output<typeof OperatorSaveSchema>;

export const LoginSchema = z.object({
  operatorId: z.number({ error: '请选择操作员' }).int().positive('请选择操作员'),
  password: z.string().max(64).optional(),
});

export const SessionSchema = z.object({
  operatorId: z.number().int().nullable(),
  operator: z.string(),
  /** null while signed out. */
  role: z.enum(OPERATOR_ROLES).nullable(),
  /** False until someone signs in (every session starts signed out). */
  loggedIn: z.boolean(),
});
export type Session = z.infer<typeof SessionSchema>;
