import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { createSandboxClock, type SandboxClock } from './core/clock.js';
import { FaultState, registrarFaultsSchema, type FaultsConfig } from './core/faults.js';
import { readSimRequest } from './core/http.js';
import { waitUntil } from './core/latency.js';
import { createPortfolio } from './core/portfolio.js';
import { createRng } from './core/rng.js';
import { ANONYMOUS_ACCOUNT, StatsRecorder, type AccountStats } from './core/stats.js';
import type { RegistrarSimulator, SandboxAccountInfo, SandboxRegistrarId, SimHandleContext } from './core/types.js';
import { SIMULATOR_FACTORIES } from './simulators.js';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: string;
  /** Domains in each registrar's first account (the second gets a twentieth, at least 5). */
  domains?: number;
  faults?: FaultsConfig;
  /** Per-registrar simulator options (ban length, MrDomain limits, webhook URL, ...). */
  registrars?: Partial<Record<SandboxRegistrarId, Record<string, unknown>>>;
  /** Base time source; tests may pin it. Simulated time = base + offset set via /__sandbox/clock. */
  now?: () => number;
}

export interface SandboxRegistrarInfo {
  endpoint: string;
  accounts: SandboxAccountInfo[];
}

/** The first stdout line of `domaindeck sandbox`: a contract (DESIGN.md). */
export interface SandboxDescriptor {
  registrars: Record<SandboxRegistrarId, SandboxRegistrarInfo>;
  stats: string;
  control: string;
}

export interface RunningSandbox {
  descriptor: SandboxDescriptor;
  origin: string;
  clock: SandboxClock;
  stats(): Record<string, Record<string, AccountStats>>;
  setFaults(update: Partial<Record<SandboxRegistrarId, z.infer<typeof registrarFaultsSchema> | null>>): void;
  control(registrar: SandboxRegistrarId, body: unknown): Promise<unknown>;
  close(): Promise<void>;
}

/** POST /__sandbox/faults: per registrar, new settings merged in, or null to clear. */
const faultUpdateSchema = z.partialRecord(z.enum(['dynadot', 'mrdomain', 'irsfa', 'reseller']), registrarFaultsSchema.nullable());

const clockSchema = z.union([
  z.object({ advanceMs: z.number().int() }).strict(),
  z.object({ set: z.string().datetime() }).strict(),
]);

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const seed = options.seed ?? 'domaindeck';
  const clock = createSandboxClock(options.now);
  const rng = createRng(`${seed}/faults`);
  const faults = new FaultState(rng);
  if (options.faults) faults.apply(options.faults);
  const stats = new StatsRecorder();
  const portfolio = createPortfolio(seed, clock.now);
  const sims = new Map<SandboxRegistrarId, RegistrarSimulator>();
  for (const [id, factory] of Object.entries(SIMULATOR_FACTORIES) as [SandboxRegistrarId, (typeof SIMULATOR_FACTORIES)[SandboxRegistrarId]][]) {
    const sim = factory({
      clock,
      rng: createRng(`${seed}/${id}`),
      portfolio,
      options: { domains: options.domains ?? 250, ...options.registrars?.[id] },
    });
    sims.set(id, sim);
    for (const account of sim.accounts()) stats.register(id, account.label);
  }

  const snapshot = (): Record<string, Record<string, AccountStats>> => {
    const snap = stats.snapshot();
    for (const [id, sim] of sims) {
      if (!sim.limits) continue;
      for (const label of Object.keys(snap[id] ?? {})) {
        if (label === ANONYMOUS_ACCOUNT) continue;
        const l = sim.limits(label);
        snap[id]![label] = { ...snap[id]![label]!, limits: l.limits, pausedUntil: l.pausedUntil };
      }
    }
    return snap;
  };

  const setFaults: RunningSandbox['setFaults'] = (update) => {
    faults.apply(update);
    for (const [id, f] of Object.entries(update)) if (f?.expireTokens) sims.get(id as SandboxRegistrarId)?.expireTokens?.();
  };

  const control = async (registrar: SandboxRegistrarId, body: unknown): Promise<unknown> => {
    const sim = sims.get(registrar);
    if (!sim?.control) throw new HttpError(404, `No controls for ${registrar}`);
    return sim.control(body);
  };

  /** `arrivedAt` (performance.now()) is when the request's headers were parsed: the latency fault counts from there. */
  async function handleSimulator(id: SandboxRegistrarId, sim: RegistrarSimulator, req: IncomingMessage, res: ServerResponse, path: string, query: URLSearchParams, arrivedAt: number): Promise<void> {
    const simReq = await readSimRequest(req, path, query);
    const identity = sim.identify(simReq);
    const account = identity.account ?? ANONYMOUS_ACCOUNT;
    const concurrent = stats.begin(id, account, identity.command);
    try {
      const delay = faults.latencyMs(id);
      if (delay > 0) await waitUntil(arrivedAt + delay);
      const fault = faults.draw(id, identity.command);
      if (fault === 'timeout') {
        await Promise.race([sleep(faults.hangMs(id)), new Promise((r) => req.socket.once('close', r))]);
        req.socket.destroy();
        return;
      }
      if (fault === 'error5xx') {
        send(res, 503, { 'content-type': 'text/html' }, '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
        return;
      }
      const ctx: SimHandleContext = {
        identity,
        concurrent,
        now: clock.now,
        countViolation: () => stats.count(id, account, 'violations'),
        countBan: () => stats.count(id, account, 'bans'),
        countBlock: () => stats.count(id, account, 'blocks'),
        countError: () => stats.count(id, account, 'errors'),
        countReplay: () => stats.count(id, account, 'replays'),
      };
      const answer = await sim.handle(simReq, ctx);
      if (fault === 'drop') {
        req.socket.destroy();
        return;
      }
      const body = fault === 'malformed' ? answer.body.slice(0, Math.floor(answer.body.length / 2)) : answer.body;
      send(res, answer.status, answer.headers ?? {}, body);
    } finally {
      stats.end(id, account);
    }
  }

  async function handleControl(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    if (path === '' && method === 'GET') return sendJson(res, 200, descriptor);
    if (path === '/stats' && method === 'GET') return sendJson(res, 200, snapshot());
    if (path === '/faults' && method === 'GET') return sendJson(res, 200, faults.snapshot());
    if (path === '/faults' && method === 'POST') {
      const body = faultUpdateSchema.safeParse(await readJson(req));
      if (!body.success) throw new HttpError(400, `Invalid faults: ${body.error.issues[0]?.message ?? ''}`);
      setFaults(body.data);
      return sendJson(res, 200, faults.snapshot());
    }
    if (path === '/clock' && method === 'GET') return sendJson(res, 200, { now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs() });
    if (path === '/clock' && method === 'POST') {
      const body = clockSchema.safeParse(await readJson(req));
      if (!body.success) throw new HttpError(400, 'Clock body must be {"advanceMs": n} or {"set": ISO-8601}');
      if ('advanceMs' in body.data) clock.advance(body.data.advanceMs);
      else clock.set(Date.parse(body.data.set));
      return sendJson(res, 200, { now: new Date(clock.now()).toISOString(), offsetMs: clock.offsetMs() });
    }
    const m = /^\/registrars\/([a-z]+)\/control$/.exec(path);
    if (m && method === 'POST') return sendJson(res, 200, await control(m[1] as SandboxRegistrarId, await readJson(req)));
    throw new HttpError(404, `No sandbox control at ${method} ${path}`);
  }

  const server = createServer((req, res) => {
    const arrivedAt = performance.now();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const [, mount = '', ...rest] = url.pathname.split('/');
    const path = rest.length ? `/${rest.join('/')}` : '';
    const sim = sims.get(mount as SandboxRegistrarId);
    const work = sim
      ? handleSimulator(mount as SandboxRegistrarId, sim, req, res, path || '/', url.searchParams, arrivedAt)
      : mount === '__sandbox'
        ? handleControl(req, res, path)
        : Promise.reject(new HttpError(404, `Nothing at ${url.pathname}; try /dynadot, /mrdomain, /irsfa, /reseller or /__sandbox`));
    work.catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      if (err instanceof HttpError) sendJson(res, err.status, { error: err.message });
      else {
        process.stderr.write(`sandbox: internal error on ${req.method} ${url.pathname}: ${String(err)}\n`);
        sendJson(res, 500, { error: 'sandbox internal error' });
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  const registrars = {} as Record<SandboxRegistrarId, SandboxRegistrarInfo>;
  for (const [id, sim] of sims) registrars[id] = { endpoint: `${origin}/${id}`, accounts: sim.accounts() };
  const descriptor: SandboxDescriptor = { registrars, stats: `${origin}/__sandbox/stats`, control: `${origin}/__sandbox` };

  return {
    descriptor,
    origin,
    clock,
    stats: snapshot,
    setFaults,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        for (const sim of sims.values()) sim.close?.();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, { 'content-type': 'application/json' }, JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Body must be JSON');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
