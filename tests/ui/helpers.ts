// Shared helpers of the browser tests: credentials from the environment
// (exported by scripts/test from the demo's sign-in lines), sign-in, and
// screenshots under target/screenshots/.
import { expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const screenshotDir = path.join(path.resolve(__dirname, '..', '..'), 'target', 'screenshots');

export function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`environment variable ${name} is not set; run the browser tests via scripts/test`);
  }
  return value;
}

export async function signIn(page: Page, role: 'ASSOCIATE' | 'MANAGER' | 'ADMIN') {
  await page.goto('/login');
  await page.getByLabel('Company').fill(env('DEMO_COMPANY'));
  await page.getByLabel('Username').fill(env(`DEMO_${role}_USER`));
  await page.getByLabel('Password').fill(env(`DEMO_${role}_PASSWORD`));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

export async function shot(page: Page, name: string) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}
