import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { PolicyPage } from './PolicyPage';
import { RegulationsPage } from './RegulationsPage';
import { VersionPage } from './VersionPage';

export default function PolicyRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<PolicyPage />} />
      <Route path="versions/:id" element={<VersionPage />} />
      <Route path="regulations" element={<RegulationsPage />} />
    </AreaRoutes>
  );
}
