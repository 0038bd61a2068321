/**
 * The `app://renderer/…` protocol: serves the Vite build (dist/renderer) and nothing else. A real origin
 * instead of file:// makes CSP 'self' meaningful and keeps the renderer away from the file system.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { protocol } from 'electron';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appResponseHeaders, resolveAppFile } from './security-policy.ts';

/** out/main/index.js → dist/renderer; the same relative layout holds inside app.asar. */
export const RENDERER_ROOT = fileURLToPath(new URL('../../dist/renderer/', import.meta.url));

/** Must run before app 'ready' (Electron only accepts scheme privileges that early, and only once). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

const notFound = () =>
  new Response('未找到', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export function serveAppProtocol(root: string = RENDERER_ROOT): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const file = resolveAppFile(root, request.url);
    if (!file) return notFound();
    let body: Uint8Array<ArrayBuffer>;
    try {
      // Copied into a plain ArrayBuffer view: that is what the Fetch Response type accepts.
      body = new Uint8Array(await readFile(file));
    } catch {
      return notFound(); // missing file or a directory
    }
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: appResponseHeaders(file) });
  });
}
