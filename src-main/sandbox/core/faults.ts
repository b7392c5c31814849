import { z } from 'zod';
import type { Rng } from './rng.js';

/**
 * Fault injection per registrar. Each fault fires either with a probability
 * (`rate`, drawn from the sandbox's seeded RNG) or for the next N matching
 * requests (`next`), which is what deterministic tests want.
 *
 * Kinds:
 * - latency: every request is handled ms ± jitter after it arrived, never earlier (core/latency.ts),
 *   and stays in flight meanwhile;
 * - timeout: the request is never answered; the socket is closed after `hangMs`;
 * - error5xx: HTTP 503 with a plain body instead of the simulator's answer (nothing applied);
 * - malformed: the simulator's answer is cut in half (the write, if any, WAS applied);
 * - drop: the request is handled (a write IS applied), then the connection is
 *   destroyed without a response: the "outcome unknown" case clients must reconcile.
 */
const trigger = z
  .object({ rate: z.number().min(0).max(1).optional(), next: z.number().int().min(0).optional() })
  .strict();

export const registrarFaultsSchema = z
  .object({
    latency: z.object({ ms: z.number().int().min(0), jitter: z.number().int().min(0).default(0) }).strict().optional(),
    timeout: trigger.extend({ hangMs: z.number().int().min(1).optional() }).strict().optional(),
    error5xx: trigger.optional(),
    malformed: trigger.optional(),
    drop: trigger.optional(),
    /** Restrict the rate/next faults to these commands or actions (latency always applies). */
    only: z.array(z.string()).optional(),
    /** Irsfa: invalidate every issued OAuth token now. Other registrars ignore it. */
    expireTokens: z.boolean().optional(),
  })
  .strict();

export type RegistrarFaults = z.infer<typeof registrarFaultsSchema>;
export const faultsSchema = z.partialRecord(z.enum(['dynadot', 'mrdomain', 'irsfa', 'reseller']), registrarFaultsSchema);
export type FaultsConfig = z.infer<typeof faultsSchema>;

export type FaultKind = 'timeout' | 'error5xx' | 'malformed' | 'drop';
const FAULT_ORDER: FaultKind[] = ['timeout', 'error5xx', 'drop', 'malformed'];

export class FaultState {
  private config: Partial<Record<string, RegistrarFaults>> = {};

  constructor(private readonly rng: Rng) {}

  /** Merges new settings per registrar; `null` for a registrar clears its faults. */
  apply(update: Partial<Record<string, RegistrarFaults | null>>): void {
    for (const [registrar, faults] of Object.entries(update)) {
      if (faults === null || faults === undefined) delete this.config[registrar];
      else this.config[registrar] = { ...this.config[registrar], ...faults };
    }
  }

  get(registrar: string): RegistrarFaults | undefined {
    return this.config[registrar];
  }

  snapshot(): Partial<Record<string, RegistrarFaults>> {
    return structuredClone(this.config);
  }

  latencyMs(registrar: string): number {
    const l = this.config[registrar]?.latency;
    if (!l || (l.ms === 0 && l.jitter === 0)) return 0;
    const jitter = l.jitter ? Math.round((this.rng.next() * 2 - 1) * l.jitter) : 0;
    return Math.max(0, l.ms + jitter);
  }

  /** Decides which fault (if any) hits this request, consuming `next` counters. */
  draw(registrar: string, command: string): FaultKind | null {
    const c = this.config[registrar];
    if (!c) return null;
    if (c.only && !c.only.includes(command)) return null;
    for (const kind of FAULT_ORDER) {
      const t = c[kind];
      if (!t) continue;
      if (t.next !== undefined && t.next > 0) {
        t.next--;
        return kind;
      }
      if (t.rate !== undefined && t.rate > 0 && this.rng.chance(t.rate)) return kind;
    }
    return null;
  }

  hangMs(registrar: string): number {
    return this.config[registrar]?.timeout?.hangMs ?? 30_000;
  }
}

/**
 * Parses the CLI form: `REG:KEY=VAL[,KEY=VAL...][;REG:...]`, e.g.
 * `dynadot:latency=200:50,drop=n1;mrdomain:5xx=0.1,only=renew|update`.
 * A value `nK` means "the next K requests"; a number in [0,1] is a rate.
 */
export function parseFaultSpec(spec: string): FaultsConfig {
  const out: Record<string, Record<string, unknown>> = {};
  for (const part of spec.split(';').map((s) => s.trim()).filter(Boolean)) {
    const colon = part.indexOf(':');
    if (colon < 0) throw new Error(`Fault spec "${part}" needs the form registrar:key=value`);
    const registrar = part.slice(0, colon);
    const faults: Record<string, unknown> = {};
    for (const kv of part.slice(colon + 1).split(',')) {
      const [key, value] = kv.split('=');
      if (!key || value === undefined) throw new Error(`Fault "${kv}" in "${part}" needs key=value`);
      if (key === 'latency') {
        const [ms, jitter] = value.split(':').map(Number);
        faults.latency = { ms, jitter: jitter ?? 0 };
      } else if (key === 'only') {
        faults.only = value.split('|');
      } else if (key === 'expireTokens') {
        faults.expireTokens = value === '1' || value === 'true';
      } else {
        const name = key === '5xx' ? 'error5xx' : key;
        faults[name] = value.startsWith('n') ? { next: Number(value.slice(1)) } : { rate: Number(value) };
      }
    }
    out[registrar] = faults;
  }
  const parsed = faultsSchema.safeParse(out);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid fault spec "${spec}": ${issue?.path.join('.')} ${issue?.message}`);
  }
  return parsed.data;
}
