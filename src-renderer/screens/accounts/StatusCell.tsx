import { useTranslation } from 'react-i18next';
import type { AccountSummary } from '../../../src-shared/contract/areas/accounts.js';
import { formatWhen, renderMessage } from './format.js';

const TONE: Record<AccountSummary['status'], 'ok' | 'warn' | 'bad' | 'idle'> = {
  ok: 'ok',
  unknown: 'idle',
  'auth-failed': 'bad',
  'not-allowed': 'bad',
  banned: 'warn',
  blocked: 'warn',
  'rate-limited': 'warn',
  unreachable: 'warn',
  unsupported: 'idle',
  error: 'bad',
};

/** Status word with a coloured dot; the full plain-words explanation is the tooltip and the title. */
export function StatusCell({ account }: { account: AccountSummary }): JSX.Element {
  const { t, i18n } = useTranslation();
  const until = formatWhen(account.pausedUntil, i18n.language) || '?';
  const word = t(`accounts.status.${account.status}`, { until });
  const detail = account.statusMessage ? renderMessage(t, account.statusMessage, account.statusDetail ?? '', i18n.language) : (account.statusDetail ?? '');
  return (
    <span className={`acct-status tone-${TONE[account.status]}`} title={detail} data-testid="account-status" data-status={account.status}>
      <span className="dot" aria-hidden="true" />
      {word}
    </span>
  );
}

/** Lane state and policy, when the scheduler reports them. */
export function LaneCell({ account }: { account: AccountSummary }): JSX.Element | null {
  const { t, i18n } = useTranslation();
  const lane = account.lane;
  if (!lane) return null;
  const p = lane.policy ?? {};
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : '?');
  const windowMs = p['errorBudget.windowMs'];
  return (
    <div className="acct-lane muted">
      {lane.pausedUntil ? <div>{t('accounts.lane.paused', { until: formatWhen(lane.pausedUntil, i18n.language), detail: lane.pauseDetail ?? lane.pauseReason ?? '' })}</div> : null}
      <div>{t('accounts.lane.state', { inFlight: lane.inFlight, queued: lane.queued })}</div>
      {lane.policy ? (
        <div>
          {t('accounts.lane.policy', {
            maxInFlight: num('maxInFlight'),
            spacingMs: num('minSpacingMs'),
            errorBudget: num('errorBudget.errors'),
            windowMin: typeof windowMs === 'number' ? Math.round(windowMs / 60000) : '?',
          })}
        </div>
      ) : null}
    </div>
  );
}
