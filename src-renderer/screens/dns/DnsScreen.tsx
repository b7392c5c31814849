import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.js';

export function DnsScreen(): JSX.Element {
  const { t } = useTranslation();
  return <EmptyState title={t('screens.dns.title')}>{t('screens.dns.empty')}</EmptyState>;
}
