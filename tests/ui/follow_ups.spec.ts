// Follow-ups in the browser: an associate adds one on a customer page, sees
// it among the follow-ups due on My client book (overdue ones highlighted)
// and marks it done; HQ edits a rule (a bad number is refused next to the
// field) and runs the rules now.
import { test, expect } from '@playwright/test';
import { signIn, shot } from './helpers';

function inDays(n: number): string {
  const d = new Date(Date.now() + n * 86400000);
  return d.toISOString().slice(0, 10);
}

test('an associate adds a follow-up, sees it on my client book and marks it done', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  const strip = page.locator('section.follow-ups-due');
  await expect(strip).toBeVisible();
  await expect(strip.locator('li.overdue').first()).toBeVisible();
  await page.locator('li.card.client').first().getByRole('link').first().click();
  const section = page.locator('#follow-ups');
  await expect(section.getByRole('heading', { name: 'Follow-ups' })).toBeVisible();
  const form = section.getByRole('form', { name: 'Add follow-up' });
  await form.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(section.locator('.field.invalid .error').first()).toBeVisible();
  const reason = `Bring the scarf samples ${Date.now()}`;
  await form.getByLabel('Due').fill(inDays(2));
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: 'Add follow-up' }).click();
  await expect(section.getByRole('status')).toContainText('Follow-up added.');
  await expect(section.locator('li.follow-up', { hasText: reason })).toBeVisible();
  await shot(page, 'follow-ups-customer');

  await page.getByRole('link', { name: 'My client book' }).click();
  const mine = page.locator('section.follow-ups-due li', { hasText: reason });
  await expect(mine).toBeVisible();
  await shot(page, 'follow-ups-book');
  await mine.getByRole('button', { name: 'Done' }).click();
  await expect(page.locator('section.follow-ups-due')).toBeVisible();
  await expect(page.locator('section.follow-ups-due li', { hasText: reason })).toHaveCount(0);

  await page.goto('/follow-ups?status=done');
  await expect(page.locator('tr', { hasText: reason })).toBeVisible();
});

test('HQ edits a follow-up rule and runs the rules now', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.getByRole('link', { name: 'Follow-up rules' }).click();
  await expect(page.getByRole('heading', { name: 'Follow-up rules' })).toBeVisible();
  const lapsed = page.locator('tr.rule[data-kind="lapsed"]');
  await lapsed.getByLabel('Churn probability above (0–1)').fill('2');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByRole('alert')).toContainText('Please correct the highlighted fields.');
  await expect(page.locator('tr.rule[data-kind="lapsed"] .error')).toBeVisible();
  await shot(page, 'follow-up-rules-error');
  await page.locator('tr.rule[data-kind="lapsed"]').getByLabel('Churn probability above (0–1)').fill('0.7');
  await page.locator('tr.rule[data-kind="thank_you"]').getByLabel('Days after the purchase').fill('5');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByRole('status')).toContainText('Saved');
  await expect(page.locator('tr.rule[data-kind="thank_you"]').getByLabel('Days after the purchase')).toHaveValue('5');
  await page.getByRole('button', { name: 'Run rules now' }).click();
  await expect(page.getByRole('status')).toContainText(/follow-ups? created/);
  await shot(page, 'follow-up-rules');
});
