import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { UsersPage } from './UsersPage';

export default function UsersRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<UsersPage />} />
    </AreaRoutes>
  );
}
