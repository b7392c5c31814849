import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.js';
import { useAppStore } from '../../state/app-store.js';

export function PortfolioScreen(): JSX.Element {
  const { t } = useTranslation();
  const go = useAppStore((s) => s.go);
  return (
    <EmptyState
      title={t('screens.portfolio.title')}
      action={
        <button type="button" className="primary" onClick={() => go('accounts')}>
          {t('screens.portfolio.emptyAction')}
        </button>
      }
    >
      {t('screens.portfolio.empty')}
    </EmptyState>
  );
}
