/**
 * The largest request body browser mode reads: a call carrying an attachment at the app's limit (50 MB), which the
 * page sends base64 in JSON — a third larger than the file, plus the call's other fields. A fixed 64 MB refused a
 * 49.9 MB photo the desktop app takes. Derived from the attachment limit, so raising that raises this. The Excel
 * import's 50 MB (excel/import/sheet-data.ts) fits the same body.
 */
import { ATTACHMENT_MAX_BASE64, ATTACHMENT_MAX_BYTES } from '../../shared/schemas/project-parts.ts';

/** Room for the call's JSON beside the file's text: its name, caption, kind and dates are a few hundred bytes. */
const ENVELOPE_BYTES = 1024 * 1024;

export const MAX_BODY_BYTES = ATTACHMENT_MAX_BASE64 + ENVELOPE_BYTES;

const MB = 1024 * 1024;

/** The 413's text: the limit of the body and of the file a clerk knows (50 MB), in MB. */
export const BODY_TOO_LARGE_MESSAGE = `请求内容过大（超过 ${(MAX_BODY_BYTES / MB).toFixed(1)} MB），未处理：附件和导入的文件不能超过 ${ATTACHMENT_MAX_BYTES / MB} MB，请压缩后再上传`;
