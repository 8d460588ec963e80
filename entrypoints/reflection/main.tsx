import { render } from 'preact';
import { ReflectionApp } from '@/components/check-in/ReflectionApp';
import { afterFirstFrame } from '@/utils/shared/after-first-paint';
import { localizePage, t } from '@/utils/shared/i18n';
import '@/components/shared/theme.css';

// Only the name in the title bar: a window on a shared screen says nothing about the call.
localizePage(document, t('extName'));

const sessionId = new URLSearchParams(location.search).get('session');
afterFirstFrame(() => render(<ReflectionApp sessionId={sessionId} />, document.getElementById('app')!));
