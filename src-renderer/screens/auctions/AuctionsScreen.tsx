import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState.js';

export function AuctionsScreen(): JSX.Element {
  const { t } = useTranslation();
  return <EmptyState title={t('screens.auctions.title')}>{t('screens.auctions.empty')}</EmptyState>;
}
