import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { SessionWatcher } from './auth/SessionWatcher';
import { createQueryClient } from './queryClient';

const theme = createTheme({
  primaryColor: 'blue',
  defaultRadius: 'sm',
});

export function Providers({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <MantineProvider theme={theme}>
      <QueryClientProvider client={client}>
        <Notifications position="top-right" />
        <SessionWatcher />
        {children}
      </QueryClientProvider>
    </MantineProvider>
  );
}
