import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { LetterheadPage } from './LetterheadPage';

export default function LetterheadRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<LetterheadPage />} />
    </AreaRoutes>
  );
}
