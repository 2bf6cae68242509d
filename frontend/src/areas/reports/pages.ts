/** The area's reports, each at its own address, in the order their tabs read. */
export const REPORT_PAGES = [
  { name: 'realisation', path: '/reports' },
  { name: 'agreements', path: '/reports/agreements' },
  { name: 'ordersByState', path: '/reports/orders-by-state' },
  { name: 'owed', path: '/reports/owed' },
  { name: 'fairness', path: '/reports/fairness' },
  { name: 'disclosure', path: '/reports/disclosure' },
  { name: 'openData', path: '/reports/open-data' },
  { name: 'exceptions', path: '/reports/exceptions' },
] as const;

export type ReportPage = (typeof REPORT_PAGES)[number]['name'];
