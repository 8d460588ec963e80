import { render } from 'preact';
import { PopupMenu } from '@/components/PopupMenu';
import '@/components/theme.css';

render(<PopupMenu />, document.getElementById('app')!);
