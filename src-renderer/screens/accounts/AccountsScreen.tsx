import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.js';

export function AccountsScreen(): JSX.Element {
  const { t } = useTranslation();
  return <EmptyState title={t('screens.accounts.title')}>{t('screens.accounts.empty')}</EmptyState>;
}
