import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { HistoryPage } from './HistoryPage';

export default function HistoryRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<HistoryPage />} />
    </AreaRoutes>
  );
}
