import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { OrderProofsPage } from './OrderProofsPage';
import { WaitingOrdersPage } from './WaitingOrdersPage';

export default function ProofsRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<WaitingOrdersPage />} />
      <Route path="orders/:id" element={<OrderProofsPage />} />
    </AreaRoutes>
  );
}
