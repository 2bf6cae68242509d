import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { ApplicationPage } from './ApplicationPage';
import { ApplicationsPage } from './ApplicationsPage';
import { ExpiringPage } from './ExpiringPage';
import { WindowsPage } from './WindowsPage';

export default function ApplicationsRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<ApplicationsPage />} />
      <Route path="windows" element={<WindowsPage />} />
      <Route path="expiring" element={<ExpiringPage />} />
      <Route path=":id" element={<ApplicationPage />} />
    </AreaRoutes>
  );
}
