import type { AppErrorBody, AppErrorCode, FieldIssue } from '../../shared/ipc/result.ts';

/** A business error with a Chinese message for the user; anything else becomes INTERNAL. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toBody(): AppErrorBody {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }
}

export const validationError = (issues: FieldIssue[]): AppError =>
  new AppError('VALIDATION', issues.map((i) => i.message).join('；'), issues);

export const notFound = (what: string, id: number | string): AppError =>
  new AppError('NOT_FOUND', `${what}（编号 ${id}）不存在或已删除`);
