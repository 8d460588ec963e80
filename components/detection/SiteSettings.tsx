import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  PRESET_SITES,
  customSiteDefinition,
  customSiteId,
  hostPermissionPatterns,
  parseSiteAddress,
  type CustomSite,
  type CustomSiteError,
  type SiteDefinition,
} from '@/utils/detection/sites';
import { siteDisplayName } from '@/utils/detection/site-names';
import { getSettings, updateSettings, type Settings } from '@/utils/settings/settings';
import { t, type MessageKey } from '@/utils/shared/i18n';
import './detection.css';

type Access = 'allowed' | 'not-allowed' | 'turned-off';

/** Says honestly what Aftercare does on a site: watching, waiting for access, or turned off. */
function SiteRow({
  site,
  name,
  enabled,
  onToggle,
  onRemove,
}: {
  site: SiteDefinition;
  name: string;
  enabled: boolean;
  onToggle: (on: boolean) => void;
  onRemove?: () => void;
}) {
  const origins = hostPermissionPatterns(site);
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const [message, setMessage] = useState('');

  useEffect(() => {
    const check = () => void browser.permissions.contains({ origins }).then(setAllowed);
    check();
    // Access can be taken away in the browser's own settings while this page is open.
    browser.permissions.onRemoved.addListener(check);
    browser.permissions.onAdded.addListener(check);
    return () => {
      browser.permissions.onRemoved.removeListener(check);
      browser.permissions.onAdded.removeListener(check);
    };
  }, []);

  async function allow() {
    // Must run straight from the click: browsers only show the permission prompt for a user gesture.
    const granted = await browser.permissions.request({ origins });
    setAllowed(granted);
    setMessage(granted ? '' : t('optionsSiteAllowFailed'));
  }

  const access: Access | null = !enabled
    ? 'turned-off'
    : allowed === null
      ? null
      : allowed
        ? 'allowed'
        : 'not-allowed';
  const stateText =
    access === 'turned-off'
      ? t('detectSiteTurnedOff')
      : access === 'allowed'
        ? t('optionsSiteAllowed')
        : access === 'not-allowed'
          ? t('optionsSiteNotAllowed')
          : '';

  return (
    <li class="card site-row" data-site-id={site.id} data-access={access ?? ''}>
      <strong>{name}</strong> <span class="muted site-state">{stateText}</span>
      <div class="site-controls">
        <label class="inline">
          <input
            type="checkbox"
            class="site-toggle"
            checked={enabled}
            onChange={(event) => onToggle(event.currentTarget.checked)}
          />
          {t('detectSiteWatch', name)}
        </label>
        {access === 'not-allowed' && (
          <button type="button" class="allow" onClick={allow}>
            {t('optionsSiteAllow', name)}
          </button>
        )}
        {onRemove && (
          <button type="button" class="remove" onClick={onRemove}>
            {t('detectSiteRemove', name)}
          </button>
        )}
      </div>
      {message && (
        <p class="status" role="status">
          {message}
        </p>
      )}
    </li>
  );
}

const ERROR_KEYS: Record<CustomSiteError | 'exists', MessageKey> = {
  empty: 'detectCustomErrorEmpty',
  'not-a-site': 'detectCustomErrorNotASite',
  'not-web': 'detectCustomErrorNotWeb',
  'too-broad': 'detectCustomErrorTooBroad',
  exists: 'detectCustomErrorExists',
};

function AddCustomSite({ settings, onAdded }: { settings: Settings; onAdded: (next: Settings) => void }) {
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [like, setLike] = useState('');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  async function add(event: Event) {
    event.preventDefault();
    const parsed = parseSiteAddress(address);
    if (!parsed.ok) {
      setStatus({ text: t(ERROR_KEYS[parsed.error]), error: true });
      return;
    }
    const id = customSiteId(parsed.origin, parsed.pathPrefix);
    if (settings.detection.customSites.some((site) => site.id === id)) {
      setStatus({ text: t(ERROR_KEYS.exists), error: true });
      return;
    }
    const host = parsed.origin.replace(/^https?:\/\//, '');
    const site: CustomSite = {
      id,
      name: name.trim().slice(0, 80) || `${host}${parsed.pathPrefix}`,
      origin: parsed.origin,
      pathPrefix: parsed.pathPrefix,
      ...(like ? { like } : {}),
    };
    // Ask first, straight from the click (the browser needs the user's gesture). Declining still
    // adds the site, shown as not allowed, so the user can allow it later.
    await browser.permissions
      .request({ origins: hostPermissionPatterns(customSiteDefinition(site)) })
      .catch(() => false);
    const next = await updateSettings((current) => ({
      ...current,
      detection: {
        ...current.detection,
        customSites: [...current.detection.customSites, site],
        enabledSites: [...current.detection.enabledSites.filter((other) => other !== id), id],
      },
    }));
    setAddress('');
    setName('');
    setLike('');
    setStatus({ text: t('detectCustomAdded', site.name), error: false });
    onAdded(next);
  }

  return (
    <form id="add-custom-site" onSubmit={add} class="card">
      <h3>{t('detectCustomHeading')}</h3>
      <p class="muted">{t('detectCustomIntro')}</p>
      <div class="field">
        <label for="custom-address">{t('detectCustomAddress')}</label>
        <input
          id="custom-address"
          type="text"
          value={address}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => setAddress(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="custom-name">{t('detectCustomName')}</label>
        <input
          id="custom-name"
          type="text"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="custom-like">{t('detectCustomLike')}</label>
        <select id="custom-like" value={like} onChange={(event) => setLike(event.currentTarget.value)}>
          <option value="">{t('detectCustomLikeNone')}</option>
          {PRESET_SITES.filter((preset) => preset.kind === 'video').map((preset) => (
            <option key={preset.id} value={preset.id}>
              {preset.name}
            </option>
          ))}
        </select>
      </div>
      <div class="actions">
        <button type="submit">{t('detectCustomAdd')}</button>
      </div>
      {status && (
        <p class={status.error ? 'status error' : 'status'} role={status.error ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
    </form>
  );
}

/** The options page's list of sites, each with its honest state, and adding one's own. */
export function SiteSettings() {
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    void getSettings().then(setSettings);
  }, []);

  if (!settings) return null;
  const { customSites, enabledSites } = settings.detection;

  async function toggle(siteId: string, on: boolean) {
    setSettings(
      await updateSettings((current) => ({
        ...current,
        detection: {
          ...current.detection,
          enabledSites: on
            ? [...current.detection.enabledSites.filter((id) => id !== siteId), siteId]
            : current.detection.enabledSites.filter((id) => id !== siteId),
        },
      })),
    );
  }

  async function remove(site: CustomSite) {
    // Give the access back too: Aftercare keeps no permission it no longer needs.
    await browser.permissions
      .remove({ origins: hostPermissionPatterns(customSiteDefinition(site)) })
      .catch(() => false);
    setSettings(
      await updateSettings((current) => ({
        ...current,
        detection: {
          ...current.detection,
          customSites: current.detection.customSites.filter((other) => other.id !== site.id),
          enabledSites: current.detection.enabledSites.filter((id) => id !== site.id),
        },
      })),
    );
  }

  return (
    <>
      <ul class="plain stack" id="site-list">
        {PRESET_SITES.map((site) => (
          <SiteRow
            key={site.id}
            site={site}
            name={siteDisplayName(site.id)}
            enabled={enabledSites.includes(site.id)}
            onToggle={(on) => toggle(site.id, on)}
          />
        ))}
        {customSites.map((custom) => (
          <SiteRow
            key={custom.id}
            site={customSiteDefinition(custom)}
            name={custom.name}
            enabled={enabledSites.includes(custom.id)}
            onToggle={(on) => toggle(custom.id, on)}
            onRemove={() => remove(custom)}
          />
        ))}
      </ul>
      <AddCustomSite settings={settings} onAdded={setSettings} />
    </>
  );
}
