import { render } from 'preact';
import { JournalApp } from '@/components/JournalApp';
import { LockGate } from '@/components/LockGate';
import '@/components/theme.css';

render(
  <LockGate>
    <JournalApp />
  </LockGate>,
  document.getElementById('app')!,
);
