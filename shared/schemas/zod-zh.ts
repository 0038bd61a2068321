/**
 * All validation messages are Chinese and name no identifier. zod's own zh-CN locale says "期望 object，实际接收
 * string" and quotes unknown keys, regular expressions and enum values as they are in code; a clerk cannot read
 * that. So generic issues get our own wording, without a subject: the call pipeline (handle-call.ts) puts the
 * field's Chinese name from the field registry in front (“原因”不能为空). Domain rules carry their own messages.
 */
import { z } from 'zod';

/** What a value should be, in words a clerk uses. */
const KIND: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '“是”或“否”',
  array: '一组数据',
  object: '一组数据',
  tuple: '一组数据',
  date: '日期',
  record: '一组数据',
  map: '一组数据',
  set: '一组数据',
  file: '文件',
  nan: '数字',
};
const SIZE_UNIT: Record<string, string> = { string: '个字', array: '项', set: '项', map: '项', file: '字节' };

/** True when a text holds no Latin word (enum values such as 随县 can be listed; `top`/`all` cannot). */
const readable = (v: unknown) => typeof v !== 'string' || !/[A-Za-z_]{2,}/.test(v);

export function zhMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '不能为空';
      if (issue.input === null) return '不能为空';
      const kind = KIND[issue.expected as string];
      return kind ? `应为${kind}` : '格式不正确';
    }
    case 'invalid_value': {
      const values = issue.values as unknown[];
      if (values.length <= 12 && values.every(readable)) return `应为：${values.map(String).join('、')}`;
      return '不是可选的值';
    }
    case 'too_big': {
      const unit = SIZE_UNIT[issue.origin as string];
      const max = Number(issue.maximum);
      if (unit) return `不能超过${max}${unit}`;
      return issue.inclusive ? `不能大于${max}` : `应小于${max}`;
    }
    case 'too_small': {
      const unit = SIZE_UNIT[issue.origin as string];
      const min = Number(issue.minimum);
      if (unit)
        return min <= 1 && issue.origin === 'string' ? '不能为空' : min <= 1 ? '至少要有一项' : `至少${min}${unit}`;
      return issue.inclusive ? `不能小于${min}` : `应大于${min}`;
    }
    case 'not_multiple_of':
      return Number(issue.divisor) === 1 ? '应为整数' : `应为${Number(issue.divisor)}的整数倍`;
    case 'invalid_format':
      return '格式不正确';
    case 'unrecognized_keys':
      return '含有无法识别的内容';
    case 'invalid_key':
    case 'invalid_element':
      return '含有不正确的内容';
    case 'invalid_union':
      return '格式不正确';
    default:
      return '填写有误';
  }
}

z.config({ localeError: (issue) => zhMessage(issue) });

/** True for the subject-less messages above, which need the field's name in front. */
export const isGenericMessage = (message: string): boolean =>
  /^(不能为空|应为|不是可选的值|不能超过|至少|不能小于|不能大于|应小于|应大于|格式不正确|含有|填写有误)/.test(message);

export { z };
