/**
 * The 蒲州镇 2017 sample (docs/domain.md §5) as the first-run screen offers it: the seed writes this town and year,
 * and the form that loads it shows them, so a clerk who loads the sample does not write today's year over 2017.
 */
export const SAMPLE_LEDGER = {
  townName: '蒲州镇',
  fiscalYear: 2017,
  /** Top-level projects, and their sub-projects (never counted as projects on top). */
  projects: 24,
  subProjects: 12,
} as const;
