// Outreach in the browser: a manager filters the client book to birthdays
// in the next 30 days, sends them the birthday e-mail, sees the per-customer
// results, the messages arrive in the test SMTP server (aiosmtpd, started by
// scripts/test, Maildir in SMTP_MAILDIR) and the customer's timeline shows
// the outreach as sent. HQ edits a template with a live preview and sees a
// template error next to the field.
import { test, expect } from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { env, signIn, shot } from './helpers';

function delivered(): string[] {
  const dir = path.join(env('SMTP_MAILDIR'), 'new');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
}

test('a manager sends the birthday e-mail to the birthdays of the next 30 days', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'MANAGER');
  await page.goto('/book');
  await page.getByRole('checkbox', { name: /Birthday/ }).check();
  await expect(page).toHaveURL(/event=birthday/);
  await page.getByRole('link', { name: 'Message these customers' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Send a message' })).toBeVisible();
  await page.getByLabel('Template').selectOption({ label: 'Birthday greeting (en, v1)' });
  await page.getByLabel('Channel').selectOption('email');
  await expect(page.locator('#outreach-preview')).toContainText('Happy birthday');
  await shot(page, 'outreach-send');
  const before = delivered().length;
  await page.getByRole('button', { name: 'Send' }).click();
  const rows = page.locator('#outreach-results tbody tr');
  await expect(rows.first()).toBeVisible();
  const queued = await page.locator('#outreach-results tbody tr[data-result="queued"]').count();
  expect(queued).toBeGreaterThan(0);
  await shot(page, 'outreach-results');

  await expect.poll(() => delivered().length - before, { timeout: 45_000 }).toBe(queued);
  const mails = delivered().slice(-queued);
  for (const m of mails) {
    expect(m).toMatch(/Subject: Happy birthday, /);
    expect(m).toMatch(/Message-ID: <[0-9a-f-]+@clienteling>/);
  }

  await page.locator('#outreach-results tbody tr[data-result="queued"] a').first().click();
  const badge = page.locator('ol.timeline .badge.outreach').first();
  await expect(badge).toHaveText('sent');
  await expect(page.locator('ol.timeline li').first()).toContainText('Happy birthday');
  await shot(page, 'outreach-timeline');
});

test('HQ edits a message template with a live preview and sees errors next to the field', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Message templates' }).click();
  await page.getByRole('link', { name: 'Stay in touch' }).first().click();
  await expect(page.locator('#template-preview')).toContainText('News from Sample Store');
  await page.getByLabel('Subject', { exact: true }).fill('Hello {{ customer.first_name }}, news!');
  await expect(page.locator('#template-preview')).toContainText('Hello Aino, news!');
  await page.getByLabel('Subject', { exact: true }).fill('Hello {{ customer.nickname }}');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.locator('#subject-error')).toContainText('unknown variable');
  await shot(page, 'templates-error');
  await page.getByLabel('Subject', { exact: true }).fill('Hello {{ customer.first_name }}, news!');
  await page.getByRole('button', { name: 'Save' }).first().click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.locator('ol.versions li')).toHaveCount(2);
});
