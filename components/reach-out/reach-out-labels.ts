import { t, type MessageKey } from '@/utils/shared/i18n';
import type { Channel, LinkProblem } from '@/utils/reach-out/contact-links';

const CHANNEL_KEYS: Record<Channel, MessageKey> = {
  sms: 'reachOutChannelSms',
  whatsapp: 'reachOutChannelWhatsapp',
  signal: 'reachOutChannelSignal',
  telegram: 'reachOutChannelTelegram',
  email: 'reachOutChannelEmail',
  phone: 'reachOutChannelPhone',
  custom: 'reachOutChannelCustom',
};

export const channelLabel = (channel: Channel): string => t(CHANNEL_KEYS[channel]);

const ADDRESS_KEYS: Record<Channel, MessageKey> = {
  sms: 'reachOutAddressPhone',
  phone: 'reachOutAddressPhone',
  whatsapp: 'reachOutAddressIntl',
  signal: 'reachOutAddressIntl',
  telegram: 'reachOutAddressTelegram',
  email: 'reachOutAddressEmail',
  custom: 'reachOutAddressCustom',
};

export const addressLabel = (channel: Channel): string => t(ADDRESS_KEYS[channel]);

const PROBLEM_KEYS: Record<LinkProblem, MessageKey> = {
  empty: 'reachOutProblemEmpty',
  'too-long': 'reachOutProblemTooLong',
  'hidden-characters': 'reachOutProblemHiddenCharacters',
  'bad-number': 'reachOutProblemBadNumber',
  'needs-country-code': 'reachOutProblemNeedsCountryCode',
  'bad-email': 'reachOutProblemBadEmail',
  'bad-username': 'reachOutProblemBadUsername',
  'not-https': 'reachOutProblemNotHttps',
  'has-userinfo': 'reachOutProblemHasUserinfo',
  'bad-link': 'reachOutProblemBadLink',
  'message-too-long': 'reachOutProblemMessageTooLong',
};

export const problemText = (problem: LinkProblem): string => t(PROBLEM_KEYS[problem]);

/** "Message Sam", or "Call Sam" for a phone call. */
export const actionLabel = (channel: Channel, name: string): string =>
  channel === 'phone' ? t('reachOutCall', name) : t('reachOutMessage', name);
