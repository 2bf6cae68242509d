import { DashboardPage } from './DashboardPage';

/** The home page is the app's index route itself, so the area has no pages below it. */
export default DashboardPage;
