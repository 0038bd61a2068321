/**
 * Every workbook the app writes starts here, so each carries the document properties a clerk sees under
 * 文件→属性 in WPS or Excel in Chinese: the app's name as 作者 and 上次修改者 (left unset, ExcelJS writes
 * “Unknown” as the latter) and the file's own title. The county's template is filled in its own XML
 * (template/sheet-xml.ts) and keeps the county's properties untouched.
 */
import type ExcelJS from 'exceljs';
import { PRODUCT_NAME } from '../product.ts';
import { loadExcelJS } from './libraries.ts';

export interface WorkbookProperties {
  /** 标题: what the file is, as its name says it. */
  title: string;
  /** 主题. */
  subject?: string;
  /** 单位: the town the file is from, where it has one. */
  company?: string;
  /** 关键词 (the 报送表 keeps its identity there). */
  keywords?: string;
  /** 创建时间 and 修改时间, from the context's clock (tests and the benchmark fix it). */
  created?: Date;
}

export async function newWorkbook(props: WorkbookProperties): Promise<ExcelJS.Workbook> {
  const wb = new (await loadExcelJS()).Workbook();
  wb.creator = PRODUCT_NAME;
  wb.lastModifiedBy = PRODUCT_NAME;
  wb.title = props.title;
  if (props.subject) wb.subject = props.subject;
  if (props.company) wb.company = props.company;
  if (props.keywords) wb.keywords = props.keywords;
  if (props.created) wb.created = wb.modified = props.created;
  return wb;
}
