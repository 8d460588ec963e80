import { isAllowedContactUrl } from '@/utils/reach-out/contact-links';
import { buildContactLink } from '@/utils/reach-out/contact-links';
import { helplineLink, helplinesFor, type ReachOutData, type UserHelpline } from '@/utils/reach-out/contacts';
import { BUNDLED_HELPLINES, FIND_A_HELPLINE_URL, type Helpline } from '@/utils/reach-out/helplines-data';
import { t } from '@/utils/shared/i18n';

/** Opens in a new tab, or hands a tel:/sms: link to the system; never with our page as opener. */
export function OutboundLink({
  url,
  class: className,
  children,
  id,
  onClick,
}: {
  url: string;
  class?: string;
  children: preact.ComponentChildren;
  id?: string;
  onClick?: (event: MouseEvent) => void;
}) {
  // The last gate: nothing outside the allowlist is ever rendered as a link.
  if (!isAllowedContactUrl(url)) return null;
  return (
    <a
      class={className}
      href={url}
      target="_blank"
      rel="noopener noreferrer"
      title={url}
      id={id}
      onClick={onClick}
    >
      {children}
    </a>
  );
}

const isBundled = (line: Helpline | UserHelpline): line is Helpline => 'checked' in line;

function HelplineItem({ line }: { line: Helpline | UserHelpline }) {
  const contact = isBundled(line) ? line.phone : line.contact;
  const link = helplineLink(contact);
  const sms = isBundled(line) && line.sms ? buildContactLink({ channel: 'sms', address: line.sms }) : null;
  return (
    <li class="card helpline" data-helpline-id={line.id}>
      <strong>{line.name}</strong> <span class="muted">({line.country})</span>
      <div class="muted">
        {isBundled(line) ? t('reachOutHelplineAlways') : line.hours || t('reachOutMine')}
      </div>
      <div class="actions">
        {link.ok && (
          <OutboundLink url={link.url} class="button helpline-call">
            {link.url.startsWith('tel:')
              ? t('reachOutHelplineCall', contact)
              : t('reachOutHelplineOpen', link.destination)}
          </OutboundLink>
        )}
        {sms?.ok && isBundled(line) && line.sms && (
          <OutboundLink url={sms.url} class="button helpline-text">
            {t('reachOutHelplineText', line.sms)}
          </OutboundLink>
        )}
      </div>
      {isBundled(line) && (
        <p class="muted small">
          <a href={line.source} target="_blank" rel="noopener noreferrer">
            {t('reachOutHelplineChecked', line.checked)}
          </a>
        </p>
      )}
    </li>
  );
}

/**
 * The helplines for the countries the user picked, plus the ones they added, from data bundled with
 * the extension: it works with no network at all.
 */
export function HelplineList({ data }: { data: ReachOutData }) {
  const lines = helplinesFor(data, BUNDLED_HELPLINES);
  return (
    <section class="helplines" aria-labelledby="helplines-heading">
      <h2 id="helplines-heading">{t('reachOutHelplinesHeading')}</h2>
      <p class="notice">{t('reachOutNotEmergency')}</p>
      {data.helplineCountries.length === 0 && <p class="muted">{t('reachOutPickCountry')}</p>}
      <ul class="plain stack">
        {lines.map((line) => (
          <HelplineItem key={line.id} line={line} />
        ))}
      </ul>
      <p>
        <a href={FIND_A_HELPLINE_URL} target="_blank" rel="noopener noreferrer" id="find-a-helpline">
          {t('reachOutFindAHelpline')}
        </a>
      </p>
    </section>
  );
}
