import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.js';

export function SslScreen(): JSX.Element {
  const { t } = useTranslation();
  return <EmptyState title={t('screens.ssl.title')}>{t('screens.ssl.empty')}</EmptyState>;
}
