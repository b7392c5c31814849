import type { DoctorCheck } from '../../src-shared/contract/areas/app.js';
import type { LaneStateView } from '../../src-shared/contract/areas/jobs.js';
import type { AccountsService } from './accounts-service.js';

/**
 * The account half of `doctor`: one cheap read per account through its lane
 * (the same test as the Accounts screen), and any lane that is paused. The
 * registrars' clocks are not measurable through their APIs, so no skew check.
 */
export async function accountDoctorChecks(accounts: AccountsService, laneStates: () => LaneStateView[]): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  for (const account of accounts.list().items) {
    let check: DoctorCheck;
    try {
      const result = await accounts.test(account.id);
      const params = { account: account.label, detail: result.detail };
      check = { id: `account:${account.label}`, ok: result.ok, message: `${account.label}: ${result.detail}`, messageKey: result.ok ? 'doctor.accountOk' : 'doctor.accountFailed', params };
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      check = { id: `account:${account.label}`, ok: false, message: `${account.label}: ${detail}`, messageKey: 'doctor.accountFailed', params: { account: account.label, detail } };
    }
    checks.push(check);
  }
  for (const lane of laneStates()) {
    if (!lane.pausedUntil) continue;
    const params = { account: lane.label, detail: lane.pauseDetail ?? lane.pauseReason ?? '' };
    checks.push({ id: `lane:${lane.label}`, ok: false, message: `${lane.label}: ${params.detail}`, messageKey: 'doctor.lanePaused', params });
  }
  return checks;
}
