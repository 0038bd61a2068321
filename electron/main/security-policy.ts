/**
 * The shell's security decisions as pure functions, kept free of `electron` so that Vitest can exercise
 * them without the Electron binary. window.ts / ipc.ts / index.ts only wire these into Electron events.
 *
 * Policy: the renderer is served from exactly one origin, `app://renderer`, by our own protocol handler.
 * Only that origin may call IPC or be navigated to; the only thing that may leave the app is an https
 * link, opened in the system browser after the user confirms.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import type { Result } from '../../shared/ipc/result.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent as a response header by the app:// handler (a meta tag cannot carry frame-ancestors).
 * 'unsafe-inline' for styles only: antd / CSS-in-JS injects <style> elements at runtime. No eval anywhere:
 * ECharts renders to canvas/SVG without it.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Privileges for app://. `standard` gives it a real origin (so CSP 'self' and storage work), `secure`
 * makes it a secure context, `corsEnabled` lets Vite's `<script type="module" crossorigin>` load. It is
 * deliberately NOT `bypassCSP`. */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: true,
  codeCache: true,
} as const;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Chromium hands main only canonical URLs (dot segments already resolved, no backslashes), so a raw
 * `..`, an encoded dot or a backslash means someone built the string by hand: refuse instead of
 * reasoning about what it would normalise to.
 */
function looksHandCrafted(raw: string): boolean {
  // Only the part before ?/# is a path; a hash route's query may legitimately contain %2F etc.
  const path = raw.split(/[?#]/, 1)[0] ?? '';
  return /(^|[/\\])\.\.?([/\\]|$)/.test(path) || /%2e|%2f|%5c|%00/i.test(path) || path.includes('\\');
}

/** Is this (frame, navigation) URL our own renderer? Used for IPC sender checks and navigation guards. */
export function isTrustedUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return false;
  if (looksHandCrafted(raw)) return false;
  const u = parse(raw);
  if (!u) return false;
  return (
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** May this link be handed to the OS browser (after the user confirms)? Only plain https URLs. */
export function isAllowedExternalUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) return false;
  // The confirm dialog shows the link as written, so it must mean what it looks like: a backslash is read as
  // "/" by URL parsers (https://evil.com\@gov.cn goes to evil.com), and spaces or control characters hide text.
  if (
    /[\\\s\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/.test(raw) ||
    [...raw].some((c) => c.charCodeAt(0) < 0x20)
  )
    return false;
  const u = parse(raw);
  if (!u) return false;
  // Credentials in a link are a classic way to disguise the real host in the confirm dialog; so is any "@"
  // before the path, whatever the parser makes of it.
  const authority = raw.slice(raw.indexOf('//') + 2).split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@')) return false;
  return (
    u.protocol === 'https:' &&
    raw.toLowerCase().startsWith('https://') &&
    u.hostname !== '' &&
    u.username === '' &&
    u.password === ''
  );
}

/**
 * Maps an app:// request URL to a file inside `root`, or null (→ 404). Only our host is served; the
 * decoded path is resolved and must stay inside root, so `..`, encoded separators and absolute paths
 * cannot escape it.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  const u = parse(requestUrl);
  if (!u || u.protocol !== `${APP_SCHEME}:` || u.hostname !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${sep}${pathname.replace(/^[/\\]+/, '')}`);
  const rel = relative(base, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return file;
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

/** Module scripts are refused without a JavaScript MIME type, so it is set explicitly, never sniffed. */
export function mimeTypeFor(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every file served over app://. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': mimeTypeFor(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

/**
 * Replaces any CSP header (whatever its casing) with ours. Used by session.webRequest.onHeadersReceived;
 * Electron does not always run header hooks for custom schemes, which is why the protocol handler also
 * sets the header itself.
 */
export function withCsp(headers: Record<string, string[] | string> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

/** The IPC answer for a caller that is not our renderer (a fresh object: it crosses IPC by structured clone). */
export function forbiddenSender(): Result<never> {
  return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自不受信任页面的调用' } };
}
