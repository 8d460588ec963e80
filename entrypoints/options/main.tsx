import { render } from 'preact';
import { OptionsApp } from '@/components/settings/OptionsApp';
import { localizePage, t } from '@/utils/shared/i18n';
import '@/components/shared/theme.css';

localizePage(document, t('optionsTitle'));

render(<OptionsApp />, document.getElementById('app')!);
