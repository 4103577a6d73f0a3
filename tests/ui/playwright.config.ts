// Playwright configuration for the clienteling browser tests.
//
// Normally run through `scripts/test`, which builds the server, starts
// `clienteling demo` on a private port and exports BASE_URL plus the demo
// credentials (DEMO_COMPANY, DEMO_ASSOCIATE_USER, ...). To run by hand against
// a server you started yourself:
//
//   cd tests/ui && BASE_URL=http://127.0.0.1:8080 DEMO_COMPANY=... npx playwright test
//
// Browsers are never downloaded (`npx playwright install` is not used): we
// drive Debian's chromium package. Override with CHROMIUM_PATH if needed.
import { defineConfig, devices } from '@playwright/test';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..');

export default defineConfig({
  testDir: __dirname,
  testMatch: '**/*.spec.ts',
  outputDir: path.join(repoRoot, 'target', 'playwright', 'test-results'),
  timeout: 90_000, // generous: CI machines are small and sometimes loaded
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:8080',
    headless: true,
    viewport: { width: 1024, height: 768 }, // tablet
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1024, height: 768 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
