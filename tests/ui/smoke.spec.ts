// Smoke test of the clienteling web UI against `clienteling demo`.
//
// UI contract exercised here:
//   * GET / redirects an anonymous visitor to /login;
//   * the login page has inputs labelled "Company", "Username", "Password"
//     and a "Sign in" button;
//   * a wrong password shows an alert/message containing "Invalid";
//   * the demo associate lands on "My client book", reaches "Customers" from
//     the main navigation, and has a "Sign out" button; signing out returns to /login.
//
// Credentials come from the environment (exported by scripts/test from the
// `demo login: company=... username=... password=... role=...` lines the demo
// server prints).
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');
const screenshotDir = path.join(repoRoot, 'target', 'screenshots');

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(
      `environment variable ${name} is not set; run the browser tests via scripts/test ` +
        `(or export the demo credentials printed by \`clienteling demo\`)`,
    );
  }
  return value;
}

const LOGIN_URL = /\/login(?:[?#].*)?$/;

async function fillLogin(page: Page, company: string, username: string, password: string) {
  await page.getByLabel('Company').fill(company);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test.beforeAll(() => {
  fs.mkdirSync(screenshotDir, { recursive: true });
});

test('anonymous visitor is redirected to the login form', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(LOGIN_URL);

  await expect(page.getByLabel('Company')).toBeVisible();
  await expect(page.getByLabel('Username')).toBeVisible();
  await expect(page.getByLabel('Password')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  await page.screenshot({ path: path.join(screenshotDir, 'login.png'), fullPage: true });
});

test('wrong password is rejected with an "Invalid" message', async ({ page }) => {
  await page.goto('/login');
  await fillLogin(page, env('DEMO_COMPANY'), env('DEMO_ASSOCIATE_USER'), 'definitely-not-the-password');

  const message = page
    .getByRole('alert')
    .filter({ hasText: /Invalid/i })
    .or(page.getByText(/Invalid/i));
  await expect(message.first()).toBeVisible();
  // Still on the login page, not signed in.
  await expect(page).toHaveURL(LOGIN_URL);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});

test('associate signs in, sees customers, and signs out', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(LOGIN_URL);
  await fillLogin(page, env('DEMO_COMPANY'), env('DEMO_ASSOCIATE_USER'), env('DEMO_ASSOCIATE_PASSWORD'));

  await expect(page.getByRole('heading', { level: 1, name: 'My client book' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await expect(signOut).toBeVisible();

  await page.screenshot({ path: path.join(screenshotDir, 'customers.png'), fullPage: true });

  await signOut.click();
  await expect(page).toHaveURL(LOGIN_URL);

  // The session is gone: the home page redirects to the login form again.
  await page.goto('/');
  await expect(page).toHaveURL(LOGIN_URL);
});
