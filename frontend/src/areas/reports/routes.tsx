import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { AgreementsReportPage } from './AgreementsReportPage';
import { DisclosurePage } from './DisclosurePage';
import { ExceptionsPage } from './ExceptionsPage';
import { FairnessPage } from './FairnessPage';
import { OpenDataPage } from './OpenDataPage';
import { OrdersByStatePage } from './OrdersByStatePage';
import { OwedPage } from './OwedPage';
import { RealisationPage } from './RealisationPage';

export default function ReportsRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<RealisationPage />} />
      <Route path="agreements" element={<AgreementsReportPage />} />
      <Route path="orders-by-state" element={<OrdersByStatePage />} />
      <Route path="owed" element={<OwedPage />} />
      <Route path="fairness" element={<FairnessPage />} />
      <Route path="disclosure" element={<DisclosurePage />} />
      <Route path="open-data" element={<OpenDataPage />} />
      <Route path="exceptions" element={<ExceptionsPage />} />
    </AreaRoutes>
  );
}
