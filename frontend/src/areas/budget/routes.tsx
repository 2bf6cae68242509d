import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { BudgetLinePage } from './BudgetLinePage';
import { BudgetLinesPage } from './BudgetLinesPage';

export default function BudgetRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<BudgetLinesPage />} />
      <Route path=":id" element={<BudgetLinePage />} />
    </AreaRoutes>
  );
}
