import { render } from 'preact';
import { JournalApp } from '@/components/JournalApp';
import '@/components/theme.css';

render(<JournalApp />, document.getElementById('app')!);
