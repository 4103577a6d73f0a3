// The client book as an associate and a manager use it: cards with three
// slots, refiners, upcoming events, the customer page with measures and
// purchases, creating a customer with server-side validation, adding them to
// the book and editing typed attributes; the store client book for managers.
import { test, expect } from '@playwright/test';
import { signIn, shot } from './helpers';

test('an associate refines the client book to customers who like handbags', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  await expect(page.getByRole('heading', { level: 1, name: 'My client book' })).toBeVisible();
  const cards = page.locator('li.card.client');
  await expect(cards.first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Upcoming events' })).toBeVisible();
  await shot(page, 'book');

  const likes = page.getByRole('group', { name: 'Likes' });
  await likes.getByRole('checkbox', { name: /handbags/ }).check();
  await expect(page).toHaveURL(/attr\.likes=handbags/);
  await expect(cards.first()).toBeVisible();
  const count = await cards.count();
  for (let i = 0; i < count; i++) {
    await expect(cards.nth(i).locator('.slots')).toContainText('handbags');
  }
  await expect(likes.getByRole('checkbox', { name: /shoes/ })).toBeVisible();
  await shot(page, 'book-refined');
});

test('an associate opens a client card and sees churn probability with its explanation', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  const first = page.locator('li.card.client').first();
  await expect(first.locator('dt').first()).toHaveText('Churn probability');
  await first.getByRole('link').first().click();
  const measures = page.getByRole('region', { name: 'Measures' });
  await expect(measures).toContainText('Churn probability');
  await expect(measures).toContainText(/buys|bought|purchase/);
  await expect(page.getByRole('img', { name: /Monthly spend/ })).toBeVisible();
  await expect(page.getByText(/Client book: CB-/)).toBeVisible();
  await shot(page, 'customer');
});

test('an associate creates a customer, fixes a field error, adds them to the book and sets attributes', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'New customer' }).click();
  const account = `UI${Date.now()}`;
  await page.getByLabel('Account number').fill(account);
  await page.getByLabel('First name').fill('Iiris');
  await page.getByLabel('Last name').fill('Testinen');
  await page.getByLabel('E-mail').fill('not-an-email');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('must be an e-mail address like name@example.com')).toBeVisible();
  await shot(page, 'customer-form-error');
  await page.getByLabel('E-mail').fill('iiris@example.com');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Iiris Testinen' })).toBeVisible();

  await page.getByRole('button', { name: 'Add to my client book' }).click();
  await expect(page.getByRole('status')).toHaveText('Added to your client book.');
  await page.getByLabel('Likes').selectOption('handbags');
  await page.getByLabel('Size').fill('39');
  await page.getByLabel('Vip').check();
  await page.getByRole('button', { name: 'Save attributes' }).click();
  await expect(page.getByLabel('Likes')).toHaveValue('handbags');
  await expect(page.getByLabel('Size')).toHaveValue('39');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My client book' }).click();
  await page.getByLabel('Search in book').fill('Testinen');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.locator('li.card.client')).toHaveCount(1);
  await expect(page.locator('li.card.client')).toContainText('Iiris Testinen');
});

test('a manager sees the store client book of their store', async ({ page }) => {
  await signIn(page, 'MANAGER');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Store client book' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Store client book/ })).toBeVisible();
  await expect(page.locator('li.card.client').first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Remove from book' })).toHaveCount(0);
  await shot(page, 'store-book');
});

test('removing a customer asks first and can be cancelled', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  const cards = page.locator('li.card.client');
  const name = await cards.first().locator('h3').innerText();
  page.once('dialog', (d) => d.dismiss());
  await cards.first().getByRole('button', { name: 'Remove from book' }).click();
  await expect(cards.first().locator('h3')).toHaveText(name);
  page.once('dialog', (d) => {
    expect(d.message()).toContain(name);
    return d.accept();
  });
  await cards.first().getByRole('button', { name: 'Remove from book' }).click();
  await expect(page.getByRole('status')).toHaveText('Removed from your client book.');
  await expect(page.locator('li.card.client h3', { hasText: name })).toHaveCount(0);
});
