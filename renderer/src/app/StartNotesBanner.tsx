/**
 * What opening the ledger found and did (AppInfo.startNotes): a line over every page after sign-in, in the core's own
 * words, until closed for this run of the program. A ledger found changed while the program was closed, or an upgrade
 * that found edits made outside it, was said only in the log at an ordinary opening (a restarted core host said it).
 */
import { Alert } from 'antd';
import { useState } from 'react';

export function StartNotesBanner({ notes }: { notes: readonly string[] }) {
  const [closed, setClosed] = useState(false);
  if (closed || notes.length === 0) return null;
  return (
    <Alert
      type="warning"
      banner
      showIcon
      closable
      data-testid="start-notes"
      onClose={() => setClosed(true)}
      message={notes.map((n) => (
        <div key={n}>{n}</div>
      ))}
    />
  );
}
