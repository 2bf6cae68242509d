import { render } from '@testing-library/react';
import { useEffect } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { Providers } from '../Providers';
import { createQueryClient } from '../queryClient';
import { AppRoutes } from '../shell/AppRoutes';

function AddressProbe({ onChange }: { onChange: (address: string) => void }) {
  const { pathname, search } = useLocation();
  useEffect(() => {
    onChange(`${pathname}${search}`);
  }, [pathname, search, onChange]);
  return null;
}

/** The whole app at `path`, with a fresh query cache; `address()` is where the app is now. */
export function renderApp(path: string) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { retry: false } });
  let address = path;
  const onChange = (next: string) => {
    address = next;
  };
  const result = render(
    <Providers queryClient={queryClient}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <AddressProbe onChange={onChange} />
      </MemoryRouter>
    </Providers>,
  );
  return { ...result, address: () => address };
}
