import { render } from 'preact';
import { WelcomeApp } from '@/components/WelcomeApp';
import '@/components/theme.css';

render(<WelcomeApp />, document.getElementById('app')!);
