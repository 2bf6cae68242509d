import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { RealisationPage } from './RealisationPage';

export default function ReportsRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<RealisationPage />} />
    </AreaRoutes>
  );
}
