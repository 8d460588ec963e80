import { PRESET_SITES, type CustomSite } from './sites';
import { t } from '../shared/i18n';

/** The name to show for a site id; presets have translated names. */
export function siteDisplayName(siteId: string, customSites: readonly CustomSite[] = []): string {
  if (siteId === 'practice') return t('practiceSiteName');
  return (
    PRESET_SITES.find((site) => site.id === siteId)?.name ??
    customSites.find((site) => site.id === siteId)?.name ??
    siteId
  );
}
