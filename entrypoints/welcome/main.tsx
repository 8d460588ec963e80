import { render } from 'preact';
import { WelcomeApp } from '@/components/welcome/WelcomeApp';
import { localizePage } from '@/utils/shared/i18n';
import '@/components/shared/theme.css';

// Each step sets its own title (components/welcome/WelcomeApp.tsx).
localizePage(document);

render(<WelcomeApp />, document.getElementById('app')!);
