/**
 * After a restore the database under every view has been swapped, so the whole app reloads. Until it does,
 * a full-screen spinner takes the clicks that would otherwise land on a page about to disappear.
 */
import { Spin } from 'antd';
import { useState, type ReactNode } from 'react';

const RELOAD_DELAY_MS = 600;

export function useAppReload(): { reloadApp: (tip: string) => void; overlay: ReactNode } {
  const [tip, setTip] = useState<string | null>(null);
  const reloadApp = (text: string) => {
    setTip(text);
    setTimeout(() => window.location.reload(), RELOAD_DELAY_MS);
  };
  return { reloadApp, overlay: tip ? <Spin fullscreen size="large" tip={tip} /> : null };
}
