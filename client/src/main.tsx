import './lib/zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app.tsx';
import { AppProviders } from './app/providers.tsx';
import { listenForSessionChanges, startSession } from './lib/session.ts';
import './styles.css';

// Outside React on purpose: StrictMode runs effects twice, and the launch token works only once.
void startSession();
listenForSessionChanges();

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');
createRoot(rootElement).render(
  <StrictMode>
    <AppProviders>
      <App />
    </AppProviders>
  </StrictMode>,
);
