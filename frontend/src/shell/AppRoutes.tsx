import { Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { PUBLIC_AREAS, SHELL_AREAS, type Area } from '../areas/registry';
import { RequireAuth } from '../auth/RequireAuth';
import { RequirePermission } from '../auth/RequirePermission';
import { NotFoundPage } from '../components/NotFoundPage';
import { PageLoader } from '../components/PageLoader';
import { AppLayout } from './AppLayout';

/** An area's pages once they have loaded, behind the permission the area asks for. */
function AreaPages({ area }: { area: Area }) {
  const Pages = area.routes;
  const pages = (
    <Suspense fallback={<PageLoader fullScreen={area.public} />}>
      <Pages />
    </Suspense>
  );
  return !area.public && area.permission ? <RequirePermission permission={area.permission}>{pages}</RequirePermission> : pages;
}

/** The routes of every area in the registry: the public ones alone, the others inside the app shell. */
export function AppRoutes() {
  return (
    <Routes>
      {PUBLIC_AREAS.map((area) => (
        <Route key={area.name} path={`${area.path}/*`} element={<AreaPages area={area} />} />
      ))}
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        {SHELL_AREAS.map((area) =>
          area.path === '/' ? (
            <Route key={area.name} index element={<AreaPages area={area} />} />
          ) : (
            <Route key={area.name} path={`${area.path}/*`} element={<AreaPages area={area} />} />
          ),
        )}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
