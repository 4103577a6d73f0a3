// The manager dashboard and HQ's attribution rules in the browser: KPI
// tiles compared with the previous period, the charts as inline SVG, the
// table with its CSV export, the leaderboard per store, the drill-down to
// attributed purchases naming the contact that earned each one, and the
// rules page (a bad window refused next to the field, a save recomputes
// every purchase). The rules are put back the way they were found.
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import { shot, signIn } from './helpers';

test('a manager reads the dashboard, drills down and exports the table', async ({ page }) => {
  await signIn(page, 'MANAGER');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();

  // Tiles: each compared with the previous period; the demo's sales moved.
  const tiles = page.locator('section.tile');
  expect(await tiles.count()).toBeGreaterThanOrEqual(8);
  for (const label of ['Outreach sent', 'Appointments held', 'Attributed sales', 'Conversion']) {
    const tile = tiles.filter({ has: page.getByRole('heading', { name: label, exact: true }) });
    await expect(tile.locator('.value')).not.toBeEmpty();
    await expect(tile).toContainText('Previous period:');
  }
  const sales = tiles.filter({ has: page.getByRole('heading', { name: 'Attributed sales', exact: true }) });
  await expect(sales.locator('.value')).toContainText('€');
  await expect(sales.locator('.delta')).toHaveText(/^[+-]?\d+ %$/);

  // Charts: server-rendered SVG with bars and two trend lines.
  const bars = page.getByRole('img', { name: /Attributed sales by/ });
  await expect(bars).toHaveJSProperty('tagName', 'svg');
  expect(await bars.locator('rect').count()).toBeGreaterThan(1);
  const trend = page.getByRole('img', { name: 'Attributed sales and outreach over the period' });
  await expect(trend.locator('polyline')).toHaveCount(2);
  expect(((await trend.locator('polyline').first().getAttribute('points')) ?? '').split(' ').length).toBeGreaterThan(2);

  // The table: a row per associate and the total; the leaderboard per store.
  const rows = page.locator('table.kpis tbody tr');
  expect(await rows.count()).toBeGreaterThan(1);
  await expect(page.locator('section.leaderboard').first()).toBeVisible();
  await expect(page.locator('section.leaderboard tbody tr').first().locator('td').first()).toHaveText('1');
  await shot(page, 'dashboard');

  // CSV export of the table: a header and one line per row plus the total.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('kpis.csv');
  const csv = fs.readFileSync((await download.path()) as string, 'utf8').trim().split(/\r?\n/);
  expect(csv[0]).toMatch(/^associate,name,/);
  expect(csv.length).toBe((await rows.count()) + 2);
  const firstName = (await rows.first().locator('th').innerText()).trim();
  expect(csv.some((l) => l.includes(firstName))).toBe(true);

  // By store: one row per store.
  await page.getByLabel('Rows').selectOption('store');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/group_by=store/);
  await expect(page.getByRole('heading', { name: /Attributed sales by Stores/ })).toBeVisible();
  await shot(page, 'dashboard-stores');

  // Drill-down to the attributed purchases of the whole period.
  await page.locator('table.kpis tfoot').getByRole('link', { name: 'Purchases' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Attributed purchases' })).toBeVisible();
  const why = page.locator('table.attributed td.why');
  expect(await why.count()).toBeGreaterThan(0);
  // "Message sent (e-mail) 3 days before by Aino Associate".
  await expect(why.first()).toHaveText(/^.+ \d+ days? before by \S.+$/);
  // The purchase's date in the language (`Nov 28, 2026`), not ISO.
  await expect(page.locator('table.attributed tbody tr').first().locator('td').first()).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  await expect(page.locator('table.attributed tbody tr').first().locator('td').nth(3)).toContainText('€');
  await shot(page, 'dashboard-attributed');
});

/** The rules form's values, to put back afterwards. */
async function rulesForm(page: Page): Promise<Record<string, string>> {
  return page.locator('main form').evaluate((f) => {
    const out: Record<string, string> = {};
    new FormData(f as HTMLFormElement).forEach((v, k) => {
      if (k !== '_csrf') out[k] = String(v);
    });
    return out;
  });
}

async function fillRules(page: Page, values: Record<string, string>) {
  for (const [name, value] of Object.entries(values)) {
    const field = page.locator(`main form [name="${name}"]`);
    if (name === 'split') {
      await page.locator(`main form input[name=split][value="${value}"]`).check();
    } else if ((await field.evaluate((e) => e.tagName)) === 'SELECT') {
      await field.selectOption(value);
    } else {
      await field.fill(value);
    }
  }
}

async function attributedOrders(page: Page): Promise<string> {
  await page.goto('/dashboard');
  const tile = page.locator('section.tile').filter({ has: page.getByRole('heading', { name: 'Attributed orders', exact: true }) });
  return (await tile.locator('.value').innerText()).split(/\s/)[0];
}

test('HQ edits the attribution rules, and saving recomputes the purchases', async ({ page }) => {
  await signIn(page, 'ADMIN');
  const before = await attributedOrders(page);
  expect(Number(before.replace(/\D/g, ''))).toBeGreaterThan(0);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Attribution' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Attribution rules' })).toBeVisible();
  const original = await rulesForm(page);
  const version = Number((await page.locator('main p.muted').innerText()).match(/Version (\d+)/)?.[1]);
  await shot(page, 'attribution-rules');

  // A window out of range is refused next to its field.
  const windows = Object.keys(original).filter((k) => k.startsWith('window.'));
  expect(windows.length).toBeGreaterThan(2);
  await page.locator(`[name="${windows[0]}"]`).fill('999');
  await page.getByRole('button', { name: 'Save and recompute' }).click();
  await expect(page.locator('main .field.invalid .error')).toBeVisible();
  await shot(page, 'attribution-rules-error');

  try {
    // Every kind switched off: nothing is attributed any more.
    await fillRules(page, Object.fromEntries(windows.map((w) => [w, '0'])));
    await page.locator('main form input[name=split][value="equal"]').check();
    await page.getByRole('button', { name: 'Save and recompute' }).click();
    await expect(page.getByRole('status')).toHaveText('Rules saved; every purchase was recomputed.');
    await expect(page.locator('main p.muted')).toContainText(`Version ${version + 1}`);
    await expect(page.locator('main form input[name=split][value="equal"]')).toBeChecked();
    expect(await attributedOrders(page)).toBe('0');
  } finally {
    await page.goto('/setup/attribution');
    await fillRules(page, original);
    await page.getByRole('button', { name: 'Save and recompute' }).click();
    await expect(page.getByRole('status')).toHaveText('Rules saved; every purchase was recomputed.');
  }
  // The original rules give the original attribution back.
  expect(await attributedOrders(page)).toBe(before);
});
