// The flow a new demo user is promised: find a customer who likes handbags
// with a birthday coming up, log a phone call, add a private note, and see
// the customer's churn probability.
import { test, expect } from '@playwright/test';
import { signIn, shot } from './helpers';

test('an associate finds a handbag lover with a birthday soon, logs a call, adds a private note, sees churn', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  await page.getByRole('group', { name: 'Likes' }).getByRole('checkbox', { name: /handbags/ }).check();
  await expect(page).toHaveURL(/attr\.likes=handbags/);
  await page.getByRole('checkbox', { name: 'Birthday in the next 30 days' }).check();
  await expect(page).toHaveURL(/event=birthday/);
  const card = page.locator('li.card.client').first();
  await expect(card).toBeVisible();
  await expect(card.locator('.slots')).toContainText('handbags');
  await card.getByRole('link').first().click();

  const log = page.getByRole('form', { name: 'Log activity' });
  await log.getByLabel('Activity type').selectOption({ label: 'Phone call' });
  await log.getByLabel('Description').fill('Called about the new autumn bags');
  await log.getByRole('button', { name: 'Log activity' }).click();
  const timeline = page.locator('ol.timeline');
  await expect(timeline.locator('li').first()).toContainText('Phone call');
  await expect(timeline.locator('li').first()).toContainText('Called about the new autumn bags');

  const note = page.getByRole('form', { name: 'Add note' });
  await note.getByLabel('Note').fill('Prefers calls after 17:00');
  await note.getByRole('radio', { name: 'Only me' }).check();
  await note.getByRole('button', { name: 'Add note' }).click();
  await expect(timeline.locator('li').first()).toContainText('Prefers calls after 17:00');
  await expect(timeline.locator('li').first()).toContainText('only the author');

  const measures = page.getByRole('region', { name: 'Measures' });
  await expect(measures).toContainText(/Churn probability: \d+ %/);
  await shot(page, 'customer-timeline');
});

test('an empty activity description is refused next to the field', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  await page.locator('li.card.client').first().getByRole('link').first().click();
  const log = page.getByRole('form', { name: 'Log activity' });
  await log.getByRole('button', { name: 'Log activity' }).click();
  await expect(page.getByRole('alert')).toContainText('Please correct the highlighted fields.');
  await expect(page.getByRole('form', { name: 'Log activity' }).locator('.error')).toBeVisible();
});
