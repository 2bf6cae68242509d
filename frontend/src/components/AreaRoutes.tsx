import type { ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from './NotFoundPage';

/** An area's pages below its path; any other address below it is not found. */
export function AreaRoutes({ children }: { children: ReactNode }) {
  return (
    <Routes>
      {children}
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
