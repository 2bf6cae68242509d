import { readFileSync } from 'node:fs';
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

/** A demo login the server printed at its first start, by role (global-setup.ts keeps them). */
function demoLogin(role: string): Login {
  const state = JSON.parse(readFileSync(required('MITRA_E2E_STATE'), 'utf8')) as { logins: Partial<Record<string, Login>> };
  const login = state.logins[role];
  if (!login) throw new Error(`the server printed no demo ${role} login: the tests need a fresh data directory`);
  return login;
}

export const test = base.extend<{ admin: Login; officer: Login; verifier: Login; auditor: Login; treasurer: Login }>({
  baseURL: async ({}, use) => {
    await use(required('MITRA_E2E_BASE_URL'));
  },
  admin: async ({}, use) => {
    await use({ username: required('MITRA_E2E_ADMIN_USER'), password: required('MITRA_E2E_ADMIN_PASSWORD') });
  },
  officer: async ({}, use) => {
    await use(demoLogin('officer'));
  },
  verifier: async ({}, use) => {
    await use(demoLogin('verifier'));
  },
  auditor: async ({}, use) => {
    await use(demoLogin('auditor'));
  },
  treasurer: async ({}, use) => {
    await use(demoLogin('treasurer'));
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
