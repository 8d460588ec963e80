import { render } from 'preact';
import { WelcomeApp } from '@/components/WelcomeApp';
import { localizePage } from '@/utils/i18n';
import '@/components/theme.css';

// Each step sets its own title (components/WelcomeApp.tsx).
localizePage(document);

render(<WelcomeApp />, document.getElementById('app')!);
