import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/shared/i18n';
import { CHANNELS, type Channel } from '@/utils/reach-out/contact-links';
import {
  MAX_CONTACTS,
  MAX_NAME_LENGTH,
  contactLink,
  helplineLink,
  isClockTime,
  isValidTimeZone,
  localTimeZone,
  newId,
  validateUserHelpline,
  type Contact,
  type ReachOutData,
} from '@/utils/reach-out/contacts';
import { HELPLINE_COUNTRIES } from '@/utils/reach-out/helplines-data';
import { updateReachOut } from '@/utils/reach-out/reach-out-store';
import { useReachOutData } from './ReachOut';
import { addressLabel, channelLabel, problemText } from './reach-out-labels';
import './reach-out.css';

const TIME_ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

function countryName(code: string): string {
  try {
    return new Intl.DisplayNames([browser.i18n.getUILanguage()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

type Draft = Omit<Contact, 'id' | 'confirmedUrl'> & { id?: string };

export const blankDraft = (): Draft => ({
  name: '',
  channel: 'sms',
  address: '',
  message: t('reachOutDefaultMessage'),
  timeZone: localTimeZone(),
  reachableFrom: '09:00',
  reachableUntil: '22:00',
});

/** Add or edit one person, with a live preview of exactly the link it will open. */
export function ContactForm({
  initial,
  onDone,
  data,
}: {
  initial: Draft;
  onDone: () => void;
  data: ReachOutData;
}) {
  const [draft, setDraft] = useState<Draft>(initial);
  const [error, setError] = useState('');
  const link = contactLink({ ...draft, id: draft.id ?? 'draft' });
  const set = (change: Partial<Draft>) => {
    setDraft({ ...draft, ...change });
    setError('');
  };
  const field = (name: string) => `contact-${name}`;

  async function save(event: Event) {
    event.preventDefault();
    // Nothing is stored until every part is right; the form keeps what was typed.
    if (!draft.name.trim()) return setError(t('reachOutNameMissing'));
    if (!link.ok) return setError(problemText(link.problem));
    if (!isValidTimeZone(draft.timeZone)) return setError(t('reachOutTimeZoneInvalid'));
    if (!draft.id && data.contacts.length >= MAX_CONTACTS) return setError(t('reachOutTooMany'));
    const id = draft.id ?? newId();
    await updateReachOut((current) => {
      const existing = current.contacts.find((c) => c.id === id);
      const contact: Contact = { ...draft, id, name: draft.name.trim() };
      // A changed custom link is asked about again before it first opens.
      if (existing?.confirmedUrl) contact.confirmedUrl = existing.confirmedUrl;
      return {
        ...current,
        contacts: existing
          ? current.contacts.map((c) => (c.id === id ? contact : c))
          : [...current.contacts, contact],
        primaryId: current.primaryId ?? id,
      };
    });
    onDone();
  }

  return (
    <form class="card contact-form" onSubmit={save} noValidate>
      <h3>{t('reachOutFormAddHeading')}</h3>
      <div class="field">
        <label for={field('name')}>{t('reachOutName')}</label>
        <input
          id={field('name')}
          value={draft.name}
          maxLength={MAX_NAME_LENGTH}
          autoComplete="off"
          onInput={(e) => set({ name: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={field('channel')}>{t('reachOutChannel')}</label>
        <select
          id={field('channel')}
          value={draft.channel}
          onChange={(e) => set({ channel: e.currentTarget.value as Channel })}
        >
          {CHANNELS.map((channel) => (
            <option value={channel} key={channel}>
              {channelLabel(channel)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for={field('address')}>{addressLabel(draft.channel)}</label>
        <input
          id={field('address')}
          value={draft.address}
          autoComplete="off"
          spellcheck={false}
          inputMode={
            draft.channel === 'email'
              ? 'email'
              : draft.channel === 'custom' || draft.channel === 'telegram'
                ? 'text'
                : 'tel'
          }
          onInput={(e) => set({ address: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={field('message')}>{t('reachOutPrewritten')}</label>
        <textarea
          id={field('message')}
          value={draft.message}
          onInput={(e) => set({ message: e.currentTarget.value })}
        />
      </div>
      <div class="field">
        <label for={field('time-zone')}>{t('reachOutTimeZone')}</label>
        <input
          id={field('time-zone')}
          list="contact-time-zones"
          value={draft.timeZone}
          autoComplete="off"
          onInput={(e) => set({ timeZone: e.currentTarget.value })}
        />
        <datalist id="contact-time-zones">
          {TIME_ZONES.map((zone) => (
            <option value={zone} key={zone} />
          ))}
        </datalist>
      </div>
      <div class="hours">
        <div class="field">
          <label for={field('from')}>{t('reachOutHoursFrom')}</label>
          <input
            id={field('from')}
            type="time"
            value={draft.reachableFrom}
            onInput={(e) =>
              isClockTime(e.currentTarget.value) && set({ reachableFrom: e.currentTarget.value })
            }
          />
        </div>
        <div class="field">
          <label for={field('until')}>{t('reachOutHoursUntil')}</label>
          <input
            id={field('until')}
            type="time"
            value={draft.reachableUntil}
            onInput={(e) =>
              isClockTime(e.currentTarget.value) && set({ reachableUntil: e.currentTarget.value })
            }
          />
        </div>
      </div>
      <div class="contact-preview" aria-live="polite">
        {link.ok ? (
          <>
            <span class="muted small">{t('reachOutPreview')}</span>
            <code id="contact-preview-url">{link.url}</code>
            {link.prefill === 'none' && draft.message.trim() && draft.channel === 'signal' && (
              <p class="muted small">{t('reachOutNoPrefill', channelLabel(draft.channel))}</p>
            )}
          </>
        ) : (
          draft.address.trim() && <p class="status error">{problemText(link.problem)}</p>
        )}
      </div>
      <p class={error ? 'status error' : 'status'} role="status">
        {error}
      </p>
      <div class="actions">
        <button type="submit" class="primary" id="contact-save">
          {t('reachOutSave')}
        </button>
        <button type="button" onClick={onDone}>
          {t('reachOutCancel')}
        </button>
      </div>
    </form>
  );
}

function ContactRow({ contact, data, onEdit }: { contact: Contact; data: ReachOutData; onEdit: () => void }) {
  const [removing, setRemoving] = useState(false);
  const link = contactLink(contact);
  const primary = data.primaryId === contact.id;
  return (
    <li class="card contact-row" data-contact-id={contact.id}>
      <strong>{contact.name}</strong>
      {primary && <span class="badge">{t('reachOutPrimary')}</span>}
      <div class="muted small">
        {channelLabel(contact.channel)} · {contact.timeZone} · {contact.reachableFrom}–
        {contact.reachableUntil}
      </div>
      {link.ok && (
        <div class="contact-preview">
          <span class="muted small">{t('reachOutPreview')}</span>
          <code class="contact-url">{link.url}</code>
        </div>
      )}
      {removing ? (
        <div class="actions" role="group" aria-label={t('reachOutRemoveConfirm', contact.name)}>
          <span>{t('reachOutRemoveConfirm', contact.name)}</span>
          <button
            type="button"
            class="contact-remove-yes"
            onClick={() =>
              void updateReachOut((current) => ({
                ...current,
                contacts: current.contacts.filter((c) => c.id !== contact.id),
                primaryId: current.primaryId === contact.id ? null : current.primaryId,
              }))
            }
          >
            {t('reachOutRemoveYes')}
          </button>
          <button type="button" onClick={() => setRemoving(false)}>
            {t('reachOutKeep')}
          </button>
        </div>
      ) : (
        <div class="actions">
          {!primary && (
            <button
              type="button"
              class="contact-make-primary"
              onClick={() => void updateReachOut((current) => ({ ...current, primaryId: contact.id }))}
            >
              {t('reachOutMakePrimary', contact.name)}
            </button>
          )}
          <button type="button" class="contact-edit" onClick={onEdit}>
            {t('reachOutEdit')}
          </button>
          <button type="button" class="contact-remove" onClick={() => setRemoving(true)}>
            {t('reachOutRemove')}
          </button>
        </div>
      )}
    </li>
  );
}

function HelplineSettings({ data }: { data: ReachOutData }) {
  const [draft, setDraft] = useState({ country: '', name: '', contact: '', hours: '' });
  const [error, setError] = useState('');

  async function add(event: Event) {
    event.preventDefault();
    const country = draft.country.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) return setError(t('reachOutHelplineCountryInvalid'));
    if (!draft.name.trim()) return setError(t('reachOutNameMissing'));
    const link = helplineLink(draft.contact);
    if (!link.ok) return setError(problemText(link.problem));
    const line = validateUserHelpline({ ...draft, country, id: newId() });
    if (!line) return setError(t('reachOutProblemBadLink'));
    await updateReachOut((current) => ({ ...current, userHelplines: [...current.userHelplines, line] }));
    setDraft({ country: '', name: '', contact: '', hours: '' });
    setError('');
  }

  function toggleCountry(code: string, on: boolean) {
    void updateReachOut((current) => ({
      ...current,
      helplineCountries: on
        ? [...current.helplineCountries, code]
        : current.helplineCountries.filter((c) => c !== code),
    }));
  }

  return (
    <>
      <h3>{t('reachOutCountriesHeading')}</h3>
      <p class="muted">{t('reachOutCountriesIntro')}</p>
      <div class="country-picker">
        {HELPLINE_COUNTRIES.map((code) => (
          <label key={code}>
            <input
              type="checkbox"
              value={code}
              class="helpline-country"
              checked={data.helplineCountries.includes(code)}
              onChange={(e) => toggleCountry(code, e.currentTarget.checked)}
            />
            {countryName(code)}
          </label>
        ))}
      </div>
      <p class="notice">{t('reachOutNotEmergency')}</p>
      <h3>{t('reachOutMyHelplines')}</h3>
      <ul class="plain stack">
        {data.userHelplines.map((line) => (
          <li class="card" key={line.id} data-helpline-id={line.id}>
            <strong>{line.name}</strong> ({line.country}) · {line.contact} {line.hours && `· ${line.hours}`}
            <div class="actions">
              <button
                type="button"
                onClick={() =>
                  void updateReachOut((current) => ({
                    ...current,
                    userHelplines: current.userHelplines.filter((l) => l.id !== line.id),
                  }))
                }
              >
                {t('reachOutRemove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <form class="card contact-form" onSubmit={add} noValidate>
        {(
          [
            ['country', t('reachOutHelplineCountry')],
            ['name', t('reachOutHelplineName')],
            ['contact', t('reachOutHelplineContact')],
            ['hours', t('reachOutHelplineHours')],
          ] as const
        ).map(([key, label]) => (
          <div class="field" key={key}>
            <label for={`helpline-${key}`}>{label}</label>
            <input
              id={`helpline-${key}`}
              value={draft[key]}
              maxLength={key === 'contact' ? 2000 : 80}
              onInput={(e) => {
                setDraft({ ...draft, [key]: e.currentTarget.value });
                setError('');
              }}
            />
          </div>
        ))}
        <p class={error ? 'status error' : 'status'} role="status">
          {error}
        </p>
        <button type="submit" id="helpline-add">
          {t('reachOutHelplineAdd')}
        </button>
      </form>
    </>
  );
}

/** The options page section for contacts and helplines. Self-contained: one line to mount. */
export function ContactsSettings() {
  const data = useReachOutData();
  const [editing, setEditing] = useState<Draft | null>(null);
  if (!data) return null;
  return (
    <section class="contacts-settings" aria-labelledby="contacts-settings-heading">
      <h2 id="contacts-settings-heading">{t('reachOutSettingsHeading')}</h2>
      <p class="muted">{t('reachOutSettingsIntro')}</p>
      <ul class="plain stack">
        {data.contacts.map((contact) => (
          <ContactRow
            key={contact.id}
            contact={contact}
            data={data}
            onEdit={() => setEditing({ ...contact })}
          />
        ))}
      </ul>
      {editing ? (
        <ContactForm
          key={editing.id ?? 'new'}
          initial={editing}
          data={data}
          onDone={() => setEditing(null)}
        />
      ) : (
        <div class="actions">
          <button type="button" id="contact-add" onClick={() => setEditing(blankDraft())}>
            {t('reachOutAdd')}
          </button>
        </div>
      )}
      <HelplineSettings data={data} />
    </section>
  );
}
