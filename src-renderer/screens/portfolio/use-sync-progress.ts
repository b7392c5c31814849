import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../state/use-client.js';

const REBUILD_NOTICE_AFTER_MS = 1000;

/** "Sync now" plus live progress from sync.progress events; refreshes the view when an account finishes. */
export function useSyncProgress(onFinished: () => void) {
  const { t } = useTranslation();
  const client = useClient();
  const [running, setRunning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // What the last "Sync now" could not do stays on screen until the next one: a late progress event
  // (another account finishing, a background refresh) must not wipe the explanation.
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(
    () =>
      client.subscribe('sync.progress', (p) => {
        if (p.phase === 'finished' || p.phase === 'failed') onFinished();
        setMessage(p.phase === 'finished' && p.accountsDone === p.accountsTotal ? null : t('portfolio.syncing', { account: p.account, done: p.done, accountsDone: p.accountsDone, accountsTotal: p.accountsTotal }));
      }),
    [client, onFinished, t],
  );

  // After a big load the cache rebuilds its indexes for a few seconds (sorting and search are slower meanwhile):
  // said only when it lasts (a small load's rebuild is over before anyone could read it); the view refreshes at the end.
  const [rebuilding, setRebuilding] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = client.subscribe('cache.rebuild', ({ phase }) => {
      if (phase === 'done') {
        if (timer) clearTimeout(timer);
        timer = null;
        setRebuilding(false);
        onFinished();
      } else timer ??= setTimeout(() => setRebuilding(true), REBUILD_NOTICE_AFTER_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [client, onFinished]);

  // A lane that pauses itself (ban, block, error budget) holds the sync: say why instead of looking stuck.
  useEffect(
    () =>
      client.subscribe('lane.state', (l) => {
        if (running && l.pausedUntil && l.pauseDetail) setMessage(l.pauseDetail);
      }),
    [client, running],
  );

  const run = async () => {
    setRunning(true);
    setFailure(null);
    try {
      const report = await client.call('sync.run', { mode: 'full' });
      const failed = report.accounts.filter((a) => a.state === 'failed');
      setFailure(failed.length ? t('portfolio.syncFailed', { accounts: failed.map((a) => `${a.account}: ${a.error?.message ?? ''}`).join('; ') }) : null);
      setMessage(null);
    } catch (e) {
      setFailure((e as Error).message);
    } finally {
      setRunning(false);
      onFinished();
    }
  };
  return { running, message: (running ? message : null) ?? failure ?? (rebuilding ? t('portfolio.rebuilding') : null) ?? message, run };
}
