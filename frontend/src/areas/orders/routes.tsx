import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { OrderPage } from './OrderPage';
import { OrdersPage } from './OrdersPage';

export default function OrdersRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<OrdersPage />} />
      <Route path=":id" element={<OrderPage />} />
    </AreaRoutes>
  );
}
