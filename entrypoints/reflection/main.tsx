import { render } from 'preact';
import { ReflectionApp } from '@/components/ReflectionApp';
import '@/components/theme.css';

const sessionId = new URLSearchParams(location.search).get('session');
render(<ReflectionApp sessionId={sessionId} />, document.getElementById('app')!);
