import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { AgreementsReportPage } from './AgreementsReportPage';
import { OpenDataPage } from './OpenDataPage';
import { OrdersByStatePage } from './OrdersByStatePage';
import { RealisationPage } from './RealisationPage';

export default function ReportsRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<RealisationPage />} />
      <Route path="agreements" element={<AgreementsReportPage />} />
      <Route path="orders-by-state" element={<OrdersByStatePage />} />
      <Route path="open-data" element={<OpenDataPage />} />
    </AreaRoutes>
  );
}
