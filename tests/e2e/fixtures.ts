import { test as base, expect, type Page } from '@playwright/test';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through playwright.config.ts (its global setup starts the server)`);
  return value;
}

export interface Login {
  username: string;
  password: string;
}

export const test = base.extend<{ admin: Login }>({
  baseURL: async ({}, use) => {
    await use(required('MITRA_E2E_BASE_URL'));
  },
  admin: async ({}, use) => {
    await use({ username: required('MITRA_E2E_ADMIN_USER'), password: required('MITRA_E2E_ADMIN_PASSWORD') });
  },
});

export { expect };

/** Submit the login form (Indonesian labels) without waiting for the outcome. */
export async function submitLogin(page: Page, { username, password }: Login): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Masuk' }).click();
}

/** Sign in and wait until the app shell is there. */
export async function login(page: Page, credentials: Login): Promise<void> {
  await submitLogin(page, credentials);
  await expect(page.getByRole('button', { name: 'Keluar' })).toBeVisible();
}
