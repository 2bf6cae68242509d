import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Permission } from '../api/types';

/** Where an area sits in the navigation: the daily work, or the administration below it. */
export type NavGroup = 'main' | 'administration';

interface AreaBase {
  /** The area's folder under src/areas/, and the i18next namespace of its translations. */
  name: string;
  /** Where the area's pages start in the address; '/' is the home page. */
  path: string;
  /**
   * The area's pages, fetched the first time the area is opened. They render their own routes
   * below `path`, except the home page, which is the index route itself and has none below it.
   */
  routes: LazyExoticComponent<ComponentType>;
}

/** Open without a session, outside the app shell: the sign-in page. */
export interface PublicArea extends AreaBase {
  public: true;
}

/** Inside the app shell, for signed-in users, with an entry in the navigation. */
export interface ShellArea extends AreaBase {
  public?: false;
  /** Needed to see the area in the navigation and to open it; without one, every signed-in user may. */
  permission?: Permission;
  /** The entry's label, a key of the common namespace (so the shell need not load the area). */
  nav: { label: `nav.${string}`; group: NavGroup };
}

export type Area = PublicArea | ShellArea;

/** Every business area of the app, in navigation order. Areas are named as the server's route modules. */
export const AREAS: readonly Area[] = [
  {
    name: 'session',
    path: '/login',
    public: true,
    routes: lazy(() => import('./session/routes')),
  },
  {
    name: 'transparency',
    path: '/public',
    public: true,
    routes: lazy(() => import('./transparency/routes')),
  },
  {
    name: 'dashboard',
    path: '/',
    nav: { label: 'nav.dashboard', group: 'main' },
    routes: lazy(() => import('./dashboard/routes')),
  },
  {
    name: 'units',
    path: '/units',
    permission: 'units.read',
    nav: { label: 'nav.units', group: 'main' },
    routes: lazy(() => import('./units/routes')),
  },
  {
    name: 'policy',
    path: '/policy',
    permission: 'policy.read',
    nav: { label: 'nav.policy', group: 'main' },
    routes: lazy(() => import('./policy/routes')),
  },
  {
    name: 'registry',
    path: '/registry',
    permission: 'registry.read',
    nav: { label: 'nav.registry', group: 'main' },
    routes: lazy(() => import('./registry/routes')),
  },
  {
    name: 'applications',
    path: '/applications',
    permission: 'applications.read',
    nav: { label: 'nav.applications', group: 'main' },
    routes: lazy(() => import('./applications/routes')),
  },
  {
    name: 'budget',
    path: '/budget',
    permission: 'budget.read',
    nav: { label: 'nav.budget', group: 'main' },
    routes: lazy(() => import('./budget/routes')),
  },
  {
    name: 'agreements',
    path: '/agreements',
    permission: 'agreements.read',
    nav: { label: 'nav.agreements', group: 'main' },
    routes: lazy(() => import('./agreements/routes')),
  },
  {
    name: 'orders',
    path: '/orders',
    permission: 'orders.read',
    nav: { label: 'nav.orders', group: 'main' },
    routes: lazy(() => import('./orders/routes')),
  },
  {
    name: 'content',
    path: '/content',
    permission: 'content.read',
    nav: { label: 'nav.content', group: 'main' },
    routes: lazy(() => import('./content/routes')),
  },
  {
    name: 'proofs',
    path: '/proofs',
    permission: 'proofs.read',
    nav: { label: 'nav.proofs', group: 'main' },
    routes: lazy(() => import('./proofs/routes')),
  },
  {
    name: 'finance',
    path: '/finance',
    permission: 'finance.read',
    nav: { label: 'nav.finance', group: 'main' },
    routes: lazy(() => import('./finance/routes')),
  },
  {
    name: 'reports',
    path: '/reports',
    permission: 'reports.read',
    nav: { label: 'nav.reports', group: 'main' },
    routes: lazy(() => import('./reports/routes')),
  },
  {
    name: 'history',
    path: '/history',
    permission: 'reports.read',
    nav: { label: 'nav.history', group: 'main' },
    routes: lazy(() => import('./history/routes')),
  },
  {
    name: 'users',
    path: '/users',
    permission: 'users.read',
    nav: { label: 'nav.users', group: 'administration' },
    routes: lazy(() => import('./users/routes')),
  },
  {
    name: 'audit',
    path: '/audit',
    permission: 'audit.read',
    nav: { label: 'nav.audit', group: 'administration' },
    routes: lazy(() => import('./audit/routes')),
  },
  {
    name: 'letterhead',
    path: '/letterhead',
    permission: 'letterhead.manage',
    nav: { label: 'nav.letterhead', group: 'administration' },
    routes: lazy(() => import('./letterhead/routes')),
  },
];

export const PUBLIC_AREAS = AREAS.filter((area): area is PublicArea => area.public === true);
export const SHELL_AREAS = AREAS.filter((area): area is ShellArea => area.public !== true);
