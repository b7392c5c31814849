import { useTranslation } from 'react-i18next';
import { useAppStore } from '../state/app-store.js';

export function StatusBar(): JSX.Element {
  const { t } = useTranslation();
  const online = useAppStore((s) => s.online);
  const core = useAppStore((s) => s.coreConnected);
  const jobs = useAppStore((s) => s.runningJobs);
  const info = useAppStore((s) => s.info);
  return (
    <footer className="statusbar" role="status">
      <span className={`dot ${core && online ? 'ok' : 'warn'}`} aria-hidden />
      <span data-testid="connectivity">{!core ? t('status.coreDisconnected') : online ? t('status.online') : t('status.offline')}</span>
      <span className="sep" />
      <span data-testid="jobs-running">{jobs > 0 ? t('status.jobsRunning', { count: jobs }) : t('status.noJobs')}</span>
      {info?.demo ? <span className="badge">{t('status.demo')}</span> : null}
      <span className="grow" />
      {info ? <span className="muted">DomainDeck {info.version}</span> : null}
    </footer>
  );
}
