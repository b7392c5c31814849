import { effectiveEndpoint } from '../../../src-shared/accounts/registrars.js';
import type { AccountSummary, LaneInfo } from '../../../src-shared/contract/areas/accounts.js';
import type { AccountRecord } from '../../db/repos/accounts.js';
import { redactPatterns } from '../../vault/redact.js';
import type { LaneState } from '../../scheduler/lane-types.js';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** What the contract shows of an account: settings and status, never a secret value. */
export function toSummary(rec: AccountRecord, lane: LaneInfo | null): AccountSummary {
  const environment = rec.registrar === 'irsfa' ? (rec.settings.environment ?? 'production') : null;
  const effective = effectiveEndpoint(rec.registrar, rec.endpoint, environment);
  return {
    id: rec.id,
    registrar: rec.registrar,
    label: rec.label,
    color: rec.color,
    endpoint: rec.endpoint === null ? null : redactPatterns(rec.endpoint),
    effectiveEndpoint: effective === null ? null : redactPatterns(effective),
    environment,
    credentialFields: rec.settings.credentialFields ?? [],
    demo: rec.settings.demo === true,
    status: rec.status,
    statusDetail: rec.statusDetail,
    statusMessage: rec.settings.statusMessage ?? null,
    pausedUntil: iso(rec.pausedUntil),
    lastTestAt: iso(rec.lastTestAt),
    lastSyncAt: iso(rec.lastSyncAt),
    createdAt: iso(rec.createdAt)!,
    updatedAt: iso(rec.updatedAt)!,
    lane,
  };
}

/** Lane state plus its policy flattened to display pairs (`errorBudget.errors`: 5, ...). */
export function toLaneInfo(state: LaneState, policy: unknown): LaneInfo {
  return {
    inFlight: state.inFlight,
    queued: state.queued,
    pausedUntil: iso(state.pausedUntil),
    pauseReason: state.pauseReason,
    pauseDetail: state.pauseDetail,
    policy: policy && typeof policy === 'object' ? flatten(policy as Record<string, unknown>) : null,
  };
}

function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, number | string | boolean | null> {
  const out: Record<string, number | string | boolean | null> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[key] = v;
    else if (Array.isArray(v)) out[key] = v.length;
    else if (typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, key));
  }
  return out;
}
