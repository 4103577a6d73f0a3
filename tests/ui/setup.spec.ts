// HQ setup as an admin does it: settings with server-side field errors, the
// attribute editor (add, reorder, save), running insights and seeing the
// fitted parameters and the churn histogram, and the audit log.
import { test, expect } from '@playwright/test';
import { signIn, shot } from './helpers';

test('an admin gets field errors in settings and saves valid ones', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByLabel('Number width (digits)').fill('0');
  await page.getByLabel('Client books per customer').fill('none');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('must be a number of at least 1 or “unlimited”')).toBeVisible();
  await shot(page, 'settings-errors');
  await page.getByLabel('Number width (digits)').fill('6');
  await page.getByLabel('Client books per customer').fill('1');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  await shot(page, 'settings');
});

test('an admin adds and reorders an attribute', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Attributes' }).click();
  const group = page.getByRole('region', { name: /Client profile/ });
  await group.getByRole('button', { name: 'Add attribute' }).click();
  const names = group.getByRole('textbox', { name: /Name of attribute/ });
  const last = await names.count();
  await names.nth(last - 1).fill('favourite_colour');
  await group.getByRole('button', { name: 'Save group' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await page.getByRole('region', { name: /Client profile/ }).getByRole('button', { name: 'Move favourite_colour up' }).click();
  const after = page.getByRole('region', { name: /Client profile/ }).getByRole('textbox', { name: /Name of attribute/ });
  await expect(after.nth(last - 2)).toHaveValue('favourite_colour');
  await page.getByRole('region', { name: /Client profile/ }).getByRole('textbox', { name: /Name of attribute/ }).nth(0).fill('bad name!');
  await page.getByRole('region', { name: /Client profile/ }).getByRole('button', { name: 'Save group' }).click();
  await expect(page.getByText("must be 1-64 of a-z, 0-9, '_' and '-'")).toBeVisible();
  await shot(page, 'attributes');
});

test('an admin runs insights and sees parameters and the churn histogram', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click();
  await page.getByRole('button', { name: 'Run insights now' }).click();
  await expect(page.getByRole('heading', { name: 'Latest run: done' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('cell', { name: 'alpha' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Histogram of churn probability' })).toBeVisible();
  await shot(page, 'insights');
});

test('an admin reads the audit log', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /settings.update|insights.run|client_book.add/ }).first()).toBeVisible();
  await shot(page, 'audit');
});

test('with clienteling switched off the client book disappears for associates', async ({ page, browser }) => {
  await signIn(page, 'ADMIN');
  await page.goto('/setup/settings');
  await page.getByRole('checkbox', { name: 'Clienteling enabled' }).uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  const other = await browser.newContext();
  const associate = await other.newPage();
  try {
    await signIn(associate, 'ASSOCIATE');
    await expect(associate.getByRole('heading', { level: 1, name: 'Customers' })).toBeVisible();
    await expect(associate.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My client book' })).toHaveCount(0);
    await associate.goto('/book');
    await expect(associate.getByText('clienteling disabled')).toBeVisible();
  } finally {
    await other.close();
    await page.getByRole('checkbox', { name: 'Clienteling enabled' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
  }
});

test('an admin manages activity types', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity types' }).click();
  await expect(page.getByRole('cell', { name: 'phone_call', exact: true })).toBeVisible();
  await page.getByLabel('Code').fill('bad code!');
  await page.getByLabel('Name', { exact: true }).fill('Fitting session');
  await page.getByRole('button', { name: 'Add type' }).click();
  await expect(page.locator('.error').first()).toBeVisible();
  await page.getByLabel('Code').fill('fitting');
  await page.getByRole('button', { name: 'Add type' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await page.getByRole('button', { name: 'Deactivate fitting' }).click();
  await expect(page.getByRole('button', { name: 'Activate fitting' })).toBeVisible();
  await shot(page, 'activity-types');
  await page.getByRole('button', { name: 'Delete fitting' }).click();
  await expect(page.getByRole('cell', { name: 'fitting', exact: true })).toHaveCount(0);
});

test('an admin adds an associate after fixing the password', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stores and people' }).click();
  const user = `ui${Date.now() % 100000}`;
  const people = () => page.getByRole('region', { name: 'Associates' });
  await people().getByLabel('Username').fill(user);
  await people().getByLabel('Name', { exact: true }).fill('Uma Interface');
  await people().getByLabel('Initial password').fill('short');
  await people().getByRole('group', { name: 'Stores' }).getByRole('checkbox').first().check();
  await people().getByRole('button', { name: 'Add associate' }).click();
  await expect(people().locator('.error')).toHaveText('must be at least 8 characters');
  await people().getByLabel('Initial password').fill('long-enough-password');
  await people().getByRole('group', { name: 'Stores' }).getByRole('checkbox').first().check();
  await people().getByRole('button', { name: 'Add associate' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('cell', { name: user, exact: true })).toBeVisible();
  await shot(page, 'organisation');
});
