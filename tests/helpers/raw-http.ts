/** Raw HTTP for the browser-mode tests. */
import { request } from 'node:http';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request: node:http lets a test send any Host, Origin or Content-Type, as an attacker could. */
export function http(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      // A connection of its own, as a page or script arriving fresh: Node 20's global agent would reuse a kept-alive
      // socket, which the server closes after 5 s idle. (The 49.9 MB upload, built for seconds on a loaded machine,
      // once failed with ECONNRESET; that reuse is the suspect, not shown to be the cause.)
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** The headers of a call from the app's own page: JSON, with the launch's token. */
export function callHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', 'x-town-ledger-token': token, ...extra };
}

/** The first run over HTTP (a launch starts signed out): sets up the 蒲州镇 ledger and signs its 管理员 王管理 in. */
export async function firstRunOverHttp(port: number, token: string): Promise<Reply> {
  return http(
    port,
    'POST',
    '/rpc/app:onboard',
    callHeaders(token),
    JSON.stringify({
      mode: 'empty',
      townName: '蒲州镇',
      fiscalYear: 2017,
      adminName: '王管理',
      adminPassword: '王管理2017',
    }),
  );
}
