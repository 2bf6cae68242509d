import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { api } from './api/client';
import { AppRoutes } from './shell/AppRoutes';
import { Providers } from './Providers';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Before the first render, so that a reloaded page waits for its session instead of showing the login page.
api.start();

createRoot(root).render(
  <StrictMode>
    <Providers>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </Providers>
  </StrictMode>,
);
