import type { IncomingHttpHeaders } from 'node:http';
import type { SandboxClock } from './clock.js';
import type { Rng } from './rng.js';
import type { SandboxPortfolio } from './portfolio.js';

export type SandboxRegistrarId = 'dynadot' | 'mrdomain' | 'irsfa' | 'reseller';

/** A request as a simulator sees it: already fully read and parsed. */
export interface SimRequest {
  method: string;
  /** Path below the registrar's mount point, e.g. `/api3.json` or `/domain/list/`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** Parsed application/x-www-form-urlencoded or multipart form fields (empty otherwise). */
  form: URLSearchParams;
  /** Parsed JSON body, or undefined when the body is not JSON. */
  json: unknown;
  remoteAddress: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** Who a request is for and what it does, decided before it is handled. */
export interface SimIdentity {
  /** Account label, or null when the credentials match no account. */
  account: string | null;
  /** Command/action name for stats and fault filters, e.g. `renew` or `domain/list`. */
  command: string;
}

export interface SimHandleContext {
  identity: SimIdentity;
  /** Requests in flight for this account, this one included (1 = alone). */
  concurrent: number;
  now(): number;
  countViolation(): void;
  countBan(): void;
  countBlock(): void;
  countError(): void;
  countReplay(): void;
}

export interface SandboxAccountInfo {
  label: string;
  credentials: Record<string, string>;
}

export interface RegistrarSimulator {
  readonly registrar: SandboxRegistrarId;
  accounts(): SandboxAccountInfo[];
  identify(req: SimRequest): SimIdentity;
  handle(req: SimRequest, ctx: SimHandleContext): Promise<SimResponse> | SimResponse;
  /** Per-account thresholds and pause state for the stats extension. */
  limits?(account: string): { limits: Record<string, number | string | boolean>; pausedUntil: string | null };
  /** Registrar-specific test controls: POST /__sandbox/registrars/<id>/control. */
  control?(body: unknown): Promise<unknown> | unknown;
  /** Fault hook: Irsfa invalidates its issued tokens. */
  expireTokens?(): void;
  close?(): void;
}

/** What every simulator factory receives from startSandbox. */
export interface SimulatorDeps {
  clock: SandboxClock;
  rng: Rng;
  portfolio: SandboxPortfolio;
  /** Per-registrar options from startSandbox({ registrars: { dynadot: {...} } }). */
  options: Record<string, unknown>;
}
