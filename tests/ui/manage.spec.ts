// The pieces of the web UI added late: the insights provider, company
// language and time zone on the settings page, custom roles, adding to my
// client book from the search list, undo after removing, reassigning
// customers in the store client book, and choosing the store after sign-in.
// Every test puts shared settings back the way it found them.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { env, shot, signIn } from './helpers';

// Several of these walk two browsers through many pages of a debug build.
test.describe.configure({ timeout: 90_000 });

async function settings(page: Page) {
  await page.goto('/setup/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
}

async function save(page: Page) {
  await page.getByRole('button', { name: 'Save settings' }).click();
}

/** A customer created through the form by the signed-in associate. */
async function newCustomer(page: Page, last: string): Promise<string> {
  const account = `UI${Date.now()}${Math.floor(Math.random() * 1000)}`;
  await page.goto('/customers/new');
  await page.getByLabel('Account number').fill(account);
  await page.getByLabel('First name').fill('Ilona');
  await page.getByLabel('Last name').fill(last);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Ilona ${last}` })).toBeVisible();
  return account;
}

async function asManager(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'MANAGER');
  return { context, page };
}

/** The search-list row of a customer (searched by last name). */
async function searchRow(page: Page, last: string) {
  await page.goto(`/customers?q=${encodeURIComponent(last)}`);
  return page.getByRole('row', { name: new RegExp(last) });
}

test('an admin sets an external insights provider and sees why it cannot be enabled', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await settings(page);
  await page.getByLabel('External provider').check();
  await page.getByLabel('Provider URL').fill('ftp://nope');
  await page.getByLabel('Secret name').fill('sk-live-123');
  await save(page);
  await expect(page.getByText('An external provider needs an http(s) URL.')).toBeVisible();
  await expect(page.getByText('Must name an environment variable (A–Z, 0–9, _), not hold the secret.')).toBeVisible();
  await page.getByLabel('Provider URL').fill('http://127.0.0.1:9/insights');
  await page.getByLabel('Secret name').fill('NO_SUCH_INSIGHTS_SECRET');
  await save(page);
  const secret = page.locator('.field', { has: page.getByLabel('Secret name') });
  await expect(secret.locator('.error')).toHaveText(
    'No secret found in $NO_SUCH_INSIGHTS_SECRET or in the file named by $NO_SUCH_INSIGHTS_SECRET_FILE.',
  );
  await shot(page, 'settings-provider-error');
  await settings(page);
  await expect(page.getByLabel('Built-in insights engine')).toBeChecked();
});

test('an admin sets the company time zone and times are shown in it', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await settings(page);
  await page.getByLabel('Company time zone').fill('Mars/Olympus');
  await save(page);
  await expect(page.getByText('Must be an IANA time zone name such as Europe/Helsinki.')).toBeVisible();
  await page.getByLabel('Company time zone').fill('Pacific/Kiritimati'); // UTC+14: never the UTC day's hour
  await save(page);
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  try {
    await page.goto('/audit');
    const when = (offset: number) => {
      const d = new Date(Date.now() - offset);
      const t = d.toLocaleTimeString('en-US', { timeZone: 'Pacific/Kiritimati', hour: 'numeric', minute: '2-digit' });
      return t.replace(/\s?[AP]M$/, '');
    };
    const first = (await page.locator('table tbody tr').first().innerText()).replace(/\s/g, ' ');
    const shown = (t: string) => new RegExp(`(^|[^0-9])${t}([^0-9]|$)`).test(first);
    expect([when(0), when(60_000)].some(shown), `${first} shows Kiritimati time`).toBe(true);
    await shot(page, 'audit-time-zone');
  } finally {
    await settings(page);
    await page.getByLabel('Company time zone').fill('UTC');
    await save(page);
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
  }
});

test('the company language decides when neither the associate nor the browser does', async ({ page, browser }) => {
  await signIn(page, 'ADMIN');
  await settings(page);
  await page.getByLabel('Company default language').selectOption('fi');
  await save(page);
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
  const context = await browser.newContext({ locale: 'de-DE' });
  try {
    const other = await context.newPage();
    await other.goto('/login'); // no company known yet: English
    await other.locator('#company').fill(env('DEMO_COMPANY'));
    await other.locator('#username').fill(env('DEMO_MANAGER_USER'));
    await other.locator('#password').fill(env('DEMO_MANAGER_PASSWORD'));
    await other.locator('main form button[type=submit]').click();
    await expect(other.locator('header.top')).toBeVisible();
    await other.goto('/customers');
    await expect(other.locator('html')).toHaveAttribute('lang', 'fi');
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('Asiakkaat');
  } finally {
    await context.close();
    await settings(page);
    await page.getByLabel('Company default language').selectOption('en');
    await save(page);
    await expect(page.getByRole('status')).toHaveText('Settings saved.');
  }
});

test('an admin creates a custom role after fixing field errors', async ({ page }) => {
  await signIn(page, 'ADMIN');
  await page.goto('/setup/organisation');
  const roles = page.getByRole('region', { name: 'Roles' });
  await roles.getByLabel('Role name').fill('Store Lead!');
  await roles.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByText('Choose at least one permission.')).toBeVisible();
  const form = page.getByRole('region', { name: 'Roles' });
  await expect(form.getByLabel('Role name')).toHaveValue('Store Lead!');
  const name = `lead-${Date.now()}`;
  await form.getByLabel('Role name').fill(name);
  await form.getByLabel('view own client book').check();
  await form.getByLabel('view store client books').check();
  await form.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('region', { name: 'Roles' }).getByRole('row', { name: new RegExp(name) })).toContainText(
    'view store client books',
  );
  const again = page.getByRole('region', { name: 'Roles' });
  await again.getByLabel('Role name').fill(name);
  await again.getByLabel('view own client book').check();
  await again.getByRole('button', { name: 'Create role' }).click();
  await expect(page.getByRole('region', { name: 'Roles' }).locator('.error')).toHaveText('a role with this name already exists');
  await shot(page, 'roles');
});

test('adding from the search list shows the result in the row', async ({ page, browser }) => {
  await signIn(page, 'ASSOCIATE');
  const last = `Listala${Date.now()}`;
  await newCustomer(page, last);
  let row = await searchRow(page, last);
  await row.getByRole('button', { name: `Add Ilona ${last} to my client book` }).click();
  await expect(row.getByRole('status')).toHaveText('Added to your client book.');
  row = await searchRow(page, last);
  await row.getByRole('button', { name: /to my client book/ }).click();
  await expect(row.getByRole('status')).toHaveText('Already in your client book.');
  await shot(page, 'search-add');
  const { context, page: manager } = await asManager(browser);
  try {
    const other = await searchRow(manager, last);
    await other.getByRole('button', { name: /to my client book/ }).click();
    await expect(other.getByRole('status')).toHaveText('In Aino Associate’s client book.');
  } finally {
    await context.close();
  }
});

test('undo after removing puts the customer back, or says who took them', async ({ page, browser }) => {
  await signIn(page, 'ASSOCIATE');
  const last = `Undola${Date.now()}`;
  await newCustomer(page, last);
  await page.getByRole('button', { name: 'Add to my client book' }).click();
  const remove = async () => {
    await page.goto(`/book?q=${last}`);
    page.once('dialog', (d) => d.accept());
    await page.locator('li.card.client', { hasText: last }).getByRole('button', { name: 'Remove from book' }).click();
    await expect(page.getByRole('status')).toHaveText('Removed from your client book.');
  };
  await remove();
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status')).toHaveText('Back in your client book.');
  await page.goto(`/book?q=${last}`);
  await expect(page.locator('li.card.client', { hasText: last })).toHaveCount(1);

  await remove();
  const { context, page: manager } = await asManager(browser);
  try {
    const row = await searchRow(manager, last);
    await row.getByRole('button', { name: /to my client book/ }).click();
    await expect(row.getByRole('status')).toHaveText('Added to your client book.');
  } finally {
    await context.close();
  }
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Could not undo: the customer is now in Mikko Manager’s client book.',
  );
  await shot(page, 'undo-conflict');
});

test('a manager reassigns ticked customers after reviewing, and sees each result', async ({ page, browser }) => {
  const context = await browser.newContext();
  const associate = await context.newPage();
  await signIn(associate, 'ASSOCIATE');
  const last = `Siirto${Date.now()}`;
  await newCustomer(associate, last);
  await associate.getByRole('button', { name: 'Add to my client book' }).click();
  await context.close();

  await signIn(page, 'MANAGER');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Store client book' }).click();
  const form = page.getByRole('form', { name: 'Reassign customers' });
  await form.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText('Choose the associate to move the customers to.')).toBeVisible();
  await expect(page.getByText('Tick at least one customer on the cards, or choose all customers of an associate.')).toBeVisible();

  await page.goto(`/stores/helsinki/book?q=${last}`);
  await page.getByRole('checkbox', { name: `Select Ilona ${last}` }).check();
  await page.getByRole('form', { name: 'Reassign customers' }).getByLabel('Move to').selectOption({ label: 'Eino Lahtinen' });
  await page.getByRole('form', { name: 'Reassign customers' }).getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('alert')).toHaveText('Move 1 customer to Eino Lahtinen’s client book?');
  await expect(page.getByRole('listitem').filter({ hasText: `Ilona ${last}` })).toBeVisible();
  await shot(page, 'reassign-review');
  await page.getByRole('button', { name: 'Confirm and move' }).click();
  await expect(page.getByRole('status')).toHaveText('Done: 1 customer processed.');
  await expect(page.getByRole('row', { name: new RegExp(last) })).toContainText('Moved to Eino Lahtinen’s client book.');
  await shot(page, 'reassign-results');
});

test('a manager of two stores chooses the store after signing in', async ({ page }) => {
  await signIn(page, 'MANAGER');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your store' })).toBeVisible();
  await shot(page, 'store-choice');
  await page.getByRole('button', { name: 'Tampere Hämeenkatu' }).click();
  await expect(page.locator('header.top')).toContainText('tampere');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Store client book' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Store client book — Tampere Hämeenkatu');
  await page.getByRole('link', { name: /Store tampere/ }).click();
  await page.getByRole('button', { name: 'Helsinki Esplanadi' }).click();
  await expect(page.locator('header.top')).toContainText('helsinki');
  expect(env('DEMO_MANAGER_USER')).toBeTruthy();
});
