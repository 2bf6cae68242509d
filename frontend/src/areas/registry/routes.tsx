import { Navigate, Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { CompaniesPage } from './CompaniesPage';
import { CompanyPage } from './CompanyPage';
import { OutletPage } from './OutletPage';
import { OutletsPage } from './OutletsPage';

export default function RegistryRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<Navigate to="companies" replace />} />
      <Route path="companies" element={<CompaniesPage />} />
      <Route path="companies/:id" element={<CompanyPage />} />
      <Route path="outlets" element={<OutletsPage />} />
      <Route path="outlets/:id" element={<OutletPage />} />
    </AreaRoutes>
  );
}
