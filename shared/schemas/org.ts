import { z } from './zod-zh.ts';

export const OrgUnitSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: z.string().nullable(),
  kind: z.string().nullable(),
});
export type OrgUnit = z.infer<typeof OrgUnitSchema>;

export const StaffSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  title: z.string(),
  orgId: z.number().int().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
});
export type Staff = z.infer<typeof StaffSchema>;

export const LookupsSchema = z.object({ orgs: z.array(OrgUnitSchema), staff: z.array(StaffSchema) });
export type Lookups = z.infer<typeof LookupsSchema>;
