import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { LoginPage } from './LoginPage';

export default function SessionRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<LoginPage />} />
    </AreaRoutes>
  );
}
