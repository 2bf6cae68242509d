import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { OrganisationPage } from './OrganisationPage';
import { OrganisationsPage } from './OrganisationsPage';
import { YearPage } from './YearPage';

export default function TransparencyRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<OrganisationsPage />} />
      <Route path=":slug" element={<OrganisationPage />} />
      <Route path=":slug/:year" element={<YearPage />} />
    </AreaRoutes>
  );
}
