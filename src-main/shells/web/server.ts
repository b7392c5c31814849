import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, events as contractEvents, type EventName } from '../../../src-shared/contract.js';
import type { EventBus } from '../../app/events.js';
import type { Dispatcher } from '../../rpc/dispatcher.js';
import { CONTENT_SECURITY_POLICY, isAllowedHost, newToken, TOKEN_COOKIE, tokenFromRequest, tokensMatch } from './security.js';
import { readStaticFile } from './static-files.js';

export interface WebShellOptions {
  dispatcher: Dispatcher;
  events: EventBus;
  /** Folder with the built renderer (index.html + assets). */
  staticDir: string;
  port?: number;
  token?: string;
}

export interface RunningWebShell {
  url: string;
  origin: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Room for a user-data import of a whole 100k-name export (the contract itself caps the CSV at 32 MB). */
const MAX_RPC_BODY = 40 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;

/**
 * Loopback HTTP server for the contract: POST /rpc/<method>, GET /events
 * (server-sent events) and the renderer build. A random per-launch token is
 * required on every request (query on first load, then an HttpOnly cookie or
 * the x-domaindeck-token header); requests for any other Host are refused.
 */
export async function startWebShell(options: WebShellOptions): Promise<RunningWebShell> {
  const token = options.token ?? newToken();
  let port = 0;
  const sseClients = new Set<ServerResponse>();

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    if (!isAllowedHost(req.headers.host, port)) return sendJson(res, 403, { error: 'Forbidden host' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const queryToken = url.searchParams.get('token');
    if (req.method === 'GET' && queryToken !== null) {
      if (!tokensMatch(queryToken, token)) return sendJson(res, 403, { error: 'Wrong token: open the address DomainDeck printed when it started.' });
      url.searchParams.delete('token');
      res.writeHead(303, {
        location: url.pathname + url.search,
        'set-cookie': `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      });
      return void res.end();
    }
    const given = tokenFromRequest(req);
    if (!given) return sendJson(res, 401, { error: 'Missing token: open the address DomainDeck printed when it started.' });
    if (!tokensMatch(given, token)) return sendJson(res, 403, { error: 'Wrong token: open the address DomainDeck printed when it started.' });

    if (url.pathname.startsWith('/rpc/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST for /rpc' });
      // A JSON content type cannot be sent cross-site without a CORS preflight we never answer.
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, { error: 'Content-Type must be application/json' });
      const body = await readBody(req);
      if (body === null) {
        req.resume();
        return sendJson(res, 413, { ok: false, error: { code: 'InvalidInput', message: `The request is larger than ${MAX_RPC_BODY / 1024 / 1024} MB`, messageKey: 'errors.InvalidInput', params: { field: '(input)', detail: `larger than ${MAX_RPC_BODY / 1024 / 1024} MB` } } });
      }
      let input: unknown;
      try {
        input = body.trim() === '' ? {} : JSON.parse(body);
      } catch {
        return sendJson(res, 400, { ok: false, error: { code: 'InvalidInput', message: 'Body is not valid JSON', messageKey: 'errors.InvalidInput', params: { field: '(input)', detail: 'not JSON' } } });
      }
      const method = decodeURIComponent(url.pathname.slice('/rpc/'.length));
      return sendJson(res, 200, await options.dispatcher.dispatch(method, input));
    }
    if (url.pathname === '/events') return openEventStream(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: 'Method not allowed' });
    const file = readStaticFile(options.staticDir, url.pathname);
    if (!file) return sendJson(res, 404, { error: 'The renderer is not built. Run "npm run build" first.' });
    res.writeHead(200, {
      'content-type': file.type,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      ...(file.type.startsWith('text/html') ? { 'content-security-policy': CONTENT_SECURITY_POLICY } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  function openEventStream(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(': connected\n\n');
    sseClients.add(res);
    const names = Object.keys(contractEvents) as EventName[];
    const off = options.events.subscribeAll(names, (event, payload) => {
      res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      off();
      sseClients.delete(res);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(new AppError('Unavailable', `Port ${options.port} is already in use. Pick another with --port, or omit --port to choose a free one.`, { messageKey: 'cli.portInUse', params: { port: options.port ?? 0 } }));
      } else reject(err);
    });
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of sseClients) c.end();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** The request body, or null when it is larger than MAX_RPC_BODY (answered with a typed error, never a crash). */
async function readBody(req: IncomingMessage): Promise<string | null> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_RPC_BODY) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  // Keep reading past the limit (without keeping it): leaving the loop early would destroy the socket before we answer.
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size <= MAX_RPC_BODY) chunks.push(c as Buffer);
  }
  return size > MAX_RPC_BODY ? null : Buffer.concat(chunks).toString('utf8');
}
