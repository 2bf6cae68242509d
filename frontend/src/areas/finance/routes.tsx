import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { InvoicePage } from './InvoicePage';
import { InvoicesPage } from './InvoicesPage';
import { OwedPage } from './OwedPage';

export default function FinanceRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<InvoicesPage />} />
      <Route path="owed" element={<OwedPage />} />
      <Route path="invoices/:id" element={<InvoicePage />} />
    </AreaRoutes>
  );
}
