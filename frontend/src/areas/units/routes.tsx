import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { UnitsPage } from './UnitsPage';

export default function UnitsRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<UnitsPage />} />
    </AreaRoutes>
  );
}
