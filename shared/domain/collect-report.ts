/**
 * What a merge of returned 报送表 says about files it did not take as a return: a kit sent back untouched is not
 * a return (the unit stays 未报), and the clerk must be told so — the preview's counts alone (采用0 未采用0) read
 * as if nothing had been given at all. One text for the window and the CLI.
 */
export function untouchedReturnsText(files: readonly { file: string; status: string }[]): string | null {
  const empty = files.filter((f) => f.status === '未填写').map((f) => `“${f.file}”`);
  if (empty.length === 0) return null;
  return `${empty.length}个文件一格未填（${empty.join('、')}），不算交回，${empty.length > 1 ? '这些' : '该'}单位仍为未报`;
}
