import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.js';

export function JobsScreen(): JSX.Element {
  const { t } = useTranslation();
  return <EmptyState title={t('screens.jobs.title')}>{t('screens.jobs.empty')}</EmptyState>;
}
