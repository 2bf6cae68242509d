import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { ContentItemPage } from './ContentItemPage';
import { ContentListPage } from './ContentListPage';

export default function ContentRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<ContentListPage />} />
      <Route path=":id" element={<ContentItemPage />} />
    </AreaRoutes>
  );
}
