/**
 * What 校验留痕 found: the same list as the command line's `verify` (both read verifyLedgerAudit's findings), one
 * problem a line, each saying where to look — it was one long sentence in which an anchor's disagreement came twice.
 */
import { Alert, Typography } from 'antd';
import type { Out } from '../../../../shared/ipc/contract.ts';

export function VerifyResult({ check }: { check: Out<'audit:verify'> }) {
  const findings = check.findings ?? (check.ok ? [] : [check.message]);
  if (check.ok && findings.length === 0) return <Alert type="success" showIcon message={check.message} />;
  const passed = check.passed ?? [];
  return (
    <Alert
      type="error"
      showIcon
      data-testid="verify-result"
      message={`校验未通过：发现 ${findings.length} 处问题`}
      description={
        <>
          <ol style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {findings.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ol>
          {passed.length > 0 && <Typography.Text type="secondary">其余：{passed.join('；')}</Typography.Text>}
        </>
      }
    />
  );
}
