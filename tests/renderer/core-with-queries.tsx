/**
 * The fixture of the renderer's data-hook tests: before each test a real core on a temp SQLite file behind
 * window.api (core-bridge.ts) and a fresh TanStack Query client as the window makes it (main.tsx); after it, the
 * rendered trees unmounted and both closed. `wrapper` gives a hook the window's data layer.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { cleanup } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach } from 'vitest';
import { newQueryClient } from '../../renderer/src/lib/use-channel-query.ts';
import { openCoreBridge, type CoreBridge } from './core-bridge.ts';

export interface CoreWithQueries {
  readonly bridge: CoreBridge;
  readonly client: QueryClient;
  wrapper: (p: { children: ReactNode }) => ReactNode;
}

export function coreWithQueries(): CoreWithQueries {
  let bridge: CoreBridge | undefined;
  let client: QueryClient | undefined;
  beforeEach(async () => {
    bridge = await openCoreBridge();
    client = newQueryClient();
  });
  afterEach(() => {
    cleanup();
    client?.clear();
    bridge?.close();
  });
  return {
    get bridge() {
      return bridge!;
    },
    get client() {
      return client!;
    },
    wrapper: ({ children }) => <QueryClientProvider client={client!}>{children}</QueryClientProvider>,
  };
}
