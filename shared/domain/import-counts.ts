/**
 * An import's counts as the 导入 page, the CLI and the change log say them, one wording for all three:
 * 新增 3，更新 10（其中 8 个与台账相同，未改动），跳过 1. A county sheet imported again matches every project and
 * changes few of them: "更新 10000" alone had the clerk believe all of them were rewritten.
 */
export interface ImportCounts {
  created: number;
  updated: number;
  skipped: number;
  /** Of the updated, those the row left exactly as they were (the preview cannot know it yet: absent there). */
  unchanged?: number;
}

export function importCountsText(c: ImportCounts): string {
  const same = c.unchanged ? `（其中 ${c.unchanged} 个与台账相同，未改动）` : '';
  return `新增 ${c.created}，更新 ${c.updated}${same}，跳过 ${c.skipped}`;
}
