import { render } from 'preact';
import { PopupMenu } from '@/components/PopupMenu';
import { localizePage, t } from '@/utils/i18n';
import '@/components/theme.css';

localizePage(document, t('extName'));

render(<PopupMenu />, document.getElementById('app')!);
