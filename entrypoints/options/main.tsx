import { render } from 'preact';
import { OptionsApp } from '@/components/OptionsApp';
import { localizePage, t } from '@/utils/i18n';
import '@/components/theme.css';

localizePage(document, t('optionsTitle'));

render(<OptionsApp />, document.getElementById('app')!);
