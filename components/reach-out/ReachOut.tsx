import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '@/utils/shared/i18n';
import {
  contactClock,
  contactLink,
  contactsInOrder,
  needsConfirmation,
  nextReachableContact,
  type Contact,
  type ReachOutData,
} from '@/utils/reach-out/contacts';
import { getReachOut, reachOutItem, updateReachOut } from '@/utils/reach-out/reach-out-store';
import { isAllowedContactUrl } from '@/utils/reach-out/contact-links';
import { HelplineList, OutboundLink } from './HelplineList';
import { actionLabel, channelLabel } from './reach-out-labels';
import './reach-out.css';

export interface ReachOutProps {
  /** The clock, injectable so tests can make it the middle of the night. */
  now?: () => Date;
  /** `compact` for the toolbar popup: the first contact only, plus what a late hour needs. */
  variant?: 'compact' | 'full';
  /** `h1` when it is the whole page (the reach-out window); `h2` inside another page. */
  heading?: 'h1' | 'h2';
  /**
   * Opened by the popup's "Message …" button: open the first person's conversation at once, unless
   * it is the middle of the night for them (the kind word comes first) or the link is one the user
   * added and has not said yes to yet (the question comes first).
   */
  messageFirst?: boolean;
}

/** The reach-out data, kept current while the page is open (settings may change in another tab). */
export function useReachOutData(): ReachOutData | null {
  const [data, setData] = useState<ReachOutData | null>(null);
  useEffect(() => {
    void getReachOut().then(setData);
    return reachOutItem.watch(() => void getReachOut().then(setData));
  }, []);
  return data;
}

function CopyMessage({ contact }: { contact: Contact }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  async function copy() {
    try {
      await navigator.clipboard.writeText(contact.message);
      setStatus('copied');
    } catch {
      setStatus('failed');
    }
  }
  return (
    <div class="reach-out-copy">
      <button type="button" onClick={copy}>
        {t('reachOutCopyMessage')}
      </button>
      <p class="status" role="status">
        {status === 'copied'
          ? t('reachOutCopied')
          : status === 'failed'
            ? t('reachOutCopyFailed', contact.message)
            : ''}
      </p>
    </div>
  );
}

/** One person: where the link goes, the button, and a yes-first for links the user added. */
function ContactAction({
  contact,
  primary,
  label,
  go = false,
}: {
  contact: Contact;
  primary: boolean;
  label?: string;
  /** Open it now, as if clicked (the click was on the popup's button). */
  go?: boolean;
}) {
  const link = contactLink(contact);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (!go || !link.ok) return;
    if (needsConfirmation(contact, link.url)) setConfirming(true);
    else if (isAllowedContactUrl(link.url)) {
      window.open(link.url, '_blank', 'noopener,noreferrer');
      window.close();
    }
  }, []);
  if (!link.ok) return null;
  const buttonClass = primary ? 'button primary reach-out-message' : 'button reach-out-message';

  if (confirming) {
    return (
      <div
        class="card reach-out-confirm"
        role="group"
        aria-label={t('reachOutConfirmCustom', link.destination)}
      >
        <p>{t('reachOutConfirmCustom', link.destination)}</p>
        <div class="actions">
          <OutboundLink
            url={link.url}
            class="button primary reach-out-confirm-yes"
            onClick={() => {
              setConfirming(false);
              void updateReachOut((data) => ({
                ...data,
                contacts: data.contacts.map((c) =>
                  c.id === contact.id ? { ...c, confirmedUrl: link.url } : c,
                ),
              }));
            }}
          >
            {t('reachOutConfirmYes', link.destination)}
          </OutboundLink>
          <button type="button" onClick={() => setConfirming(false)}>
            {t('reachOutConfirmNo')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div class="reach-out-contact" data-contact-id={contact.id}>
      <OutboundLink
        url={link.url}
        class={buttonClass}
        onClick={(event) => {
          if (needsConfirmation(contact, link.url)) {
            event.preventDefault();
            setConfirming(true);
          }
        }}
      >
        {label ?? actionLabel(contact.channel, contact.name)}
      </OutboundLink>
      <p class="muted small reach-out-destination">
        {contact.channel === 'custom'
          ? t('reachOutOpensPage', link.destination)
          : t('reachOutOpensIn', [channelLabel(contact.channel), link.destination])}
      </p>
      {primary && link.prefill === 'none' && contact.message && contact.channel === 'signal' && (
        <>
          <p class="muted small">{t('reachOutNoPrefill', channelLabel(contact.channel))}</p>
          <CopyMessage contact={contact} />
        </>
      )}
    </div>
  );
}

/**
 * "Reach out": one click to the first person the user chose, with where it goes in plain sight; a
 * kind word when it is the middle of the night for them (with someone else or a helpline to turn
 * to, and still the choice to go ahead); and the helplines. Aftercare never sends anything itself.
 * Self-contained: mount it anywhere in an extension page.
 */
export function ReachOut({
  now = () => new Date(),
  variant = 'full',
  heading: Heading = 'h2',
  messageFirst = false,
}: ReachOutProps) {
  const data = useReachOutData();
  const [showHelplines, setShowHelplines] = useState(false);
  if (!data) return null;

  const people = contactsInOrder(data);
  const primary = people[0];
  const clock = primary ? contactClock(primary, now()) : null;
  const late = !!clock && !clock.reachable;
  const instead = primary && late ? nextReachableContact(data, primary, now()) : undefined;
  const others = variant === 'full' ? people.slice(1).filter((c) => c !== instead) : [];

  return (
    <section class="reach-out" aria-labelledby="reach-out-heading">
      <Heading id="reach-out-heading">{t('reachOutHeading')}</Heading>
      {!primary && (
        <p class="muted">
          {t('reachOutNoContacts')}{' '}
          <a
            href="/options.html"
            id="reach-out-add"
            onClick={(event) => {
              event.preventDefault();
              void browser.runtime.openOptionsPage();
            }}
          >
            {t('reachOutAddInSettings')}
          </a>
        </p>
      )}
      {primary && late && clock && (
        <div class="card reach-out-late" role="note">
          <p>
            <strong>{t('reachOutLateHour', [clock.time, primary.name])}</strong>
          </p>
          <p class="muted">{t('reachOutLateHourHint')}</p>
          <div class="actions">
            {instead && (
              <ContactAction
                contact={instead}
                primary={false}
                key={instead.id}
                label={t('reachOutTryInstead', instead.name)}
              />
            )}
            <button
              type="button"
              class="reach-out-toggle-helplines"
              aria-expanded={showHelplines}
              onClick={() => setShowHelplines(!showHelplines)}
            >
              {showHelplines ? t('reachOutHideHelplines') : t('reachOutShowHelplines')}
            </button>
          </div>
        </div>
      )}
      {primary && <ContactAction contact={primary} primary key={primary.id} go={messageFirst && !late} />}
      {primary && <p class="muted small">{t('reachOutNeverSends')}</p>}
      {others.length > 0 && (
        <details class="reach-out-others">
          <summary>{t('reachOutOthers')}</summary>
          <div class="stack">
            {others.map((contact) => (
              <ContactAction contact={contact} primary={false} key={contact.id} />
            ))}
          </div>
        </details>
      )}
      {!late && (
        <div class="actions">
          <button
            type="button"
            class="reach-out-toggle-helplines"
            aria-expanded={showHelplines}
            onClick={() => setShowHelplines(!showHelplines)}
          >
            {showHelplines ? t('reachOutHideHelplines') : t('reachOutShowHelplines')}
          </button>
        </div>
      )}
      {showHelplines && <HelplineList data={data} />}
    </section>
  );
}
