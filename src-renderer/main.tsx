import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setUpI18n } from './app/i18n';
import { restoreSession } from './features/auth';
import { registerServiceWorker } from './host';
import './ui/styles.css';

const start = async (): Promise<void> => {
  await setUpI18n();
  // A reload within the browser session stays signed in (and works without the server).
  await restoreSession();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void registerServiceWorker();
};

void start();
