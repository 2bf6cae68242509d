import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { AuditPage } from './AuditPage';

export default function AuditRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<AuditPage />} />
    </AreaRoutes>
  );
}
