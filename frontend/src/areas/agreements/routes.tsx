import { Route } from 'react-router';
import { AreaRoutes } from '../../components/AreaRoutes';
import { AgreementPage } from './AgreementPage';
import { AgreementsPage } from './AgreementsPage';
import { NewAgreementPage } from './NewAgreementPage';

export default function AgreementsRoutes() {
  return (
    <AreaRoutes>
      <Route index element={<AgreementsPage />} />
      <Route path="new" element={<NewAgreementPage />} />
      <Route path=":id" element={<AgreementPage />} />
    </AreaRoutes>
  );
}
