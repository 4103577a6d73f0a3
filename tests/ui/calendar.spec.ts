// Appointments in the browser: an associate's calendar by day and by week,
// booking an appointment (field errors, then the double-booking clash named
// in the form), the ICS file of an appointment, and a manager's store view.
import { test, expect, type Page } from '@playwright/test';
import * as fs from 'node:fs';
import { shot, signIn } from './helpers';

/** A free slot far in the future (so reruns do not meet earlier bookings). */
function futureSlot(): { date: string; start: string; time: string } {
  const days = 60 + Math.floor(Math.random() * 600);
  const d = new Date(Date.now() + days * 86400000);
  const date = d.toISOString().slice(0, 10);
  const minutes = 8 * 60 + 5 * Math.floor(Math.random() * 100);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return { date, start: `${date}T${time}`, time };
}

/** `13:05` as English shows it (`1:05 PM`), as a pattern. */
function enTime(hhmm: string): RegExp {
  const [h, m] = hhmm.split(':').map(Number);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return new RegExp(`(^|[^0-9])${h12}:${String(m).padStart(2, '0')}\\s${h < 12 ? 'AM' : 'PM'}`);
}

/** The account number of the first customer in the signed-in associate's book. */
async function firstOwnCustomer(page: Page): Promise<string> {
  await page.goto('/book');
  const href = await page.locator('li.card.client').first().getByRole('link').first().getAttribute('href');
  const account = href?.split('/customers/')[1];
  expect(account, 'a customer link on my client book').toBeTruthy();
  return decodeURIComponent(account as string);
}

test('an associate sees the calendar by day and by week', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible();
  // The week view (default): seven days, Monday first.
  await expect(page.locator('.calendar.week section.day')).toHaveCount(7);
  await shot(page, 'calendar-week');
  await page.getByLabel('Day').check();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/view=day/);
  await expect(page.locator('.calendar.day section.day')).toHaveCount(1);
  // Paging moves one day.
  const today = await page.locator('section.day h2').innerText();
  await page.getByRole('link', { name: /Next/ }).click();
  await expect(page.locator('section.day h2')).not.toHaveText(today);
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.locator('section.day h2')).toHaveText(today);
  await shot(page, 'calendar-day');
});

test('an associate books an appointment, meets the clash, and downloads the ICS file', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  const account = await firstOwnCustomer(page);
  await page.goto('/calendar');
  await page.getByRole('link', { name: 'Book an appointment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Book an appointment' })).toBeVisible();

  // Nothing filled in: errors next to the fields.
  await page.locator('main form').getByRole('button', { name: 'Book an appointment' }).click();
  await expect(page.getByRole('alert')).toContainText('Please correct');
  await expect(page.locator('#appt-start-error')).toBeVisible();
  await shot(page, 'appointment-book-errors');

  const slot = futureSlot();
  const purpose = `Fitting of the winter coat ${Date.now()}`;
  const fill = async (p: string) => {
    await page.getByLabel('Customer account').fill(account);
    await page.getByLabel('Start').fill(slot.start);
    await page.getByLabel('Duration (minutes)').fill('45');
    await page.getByLabel('Purpose').fill(p);
    await page.locator('main form').getByRole('button', { name: 'Book an appointment' }).click();
  };
  await fill(purpose);
  await expect(page.getByRole('status')).toHaveText('Appointment booked.');
  await expect(page).toHaveURL(new RegExp(`view=day&date=${slot.date}`));
  const item = page.locator('li.appointment', { hasText: purpose });
  await expect(item).toContainText(enTime(slot.time));
  await expect(item.locator('.badge')).toHaveText('Booked');
  await shot(page, 'calendar-booked');

  // The calendar file of the appointment.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    item.getByRole('link', { name: 'Add to calendar (.ics)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const ics = fs.readFileSync((await download.path()) as string, 'utf8');
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toContain('BEGIN:VEVENT');
  expect(ics).toContain(`DTSTART:${slot.start.replace(/[-:]/g, '')}00Z`);
  expect(ics.replace(/\r\n /g, '')).toContain(purpose);

  // The same associate at an overlapping time: the form names the clash.
  await page.goto('/calendar/book');
  await fill('Another fitting');
  await expect(page.getByRole('alert')).toContainText('This time is taken');
  // Who is busy, on which day, and when, in the viewer's language.
  await expect(page.getByRole('alert')).toContainText(enTime(slot.time));
  await expect(page.getByRole('alert')).toContainText(/Aino Associate already has an appointment on \w{3} \d+, \d{4} from/);
  await expect(page.getByRole('alert')).not.toContainText('appointment 0');
  await expect(page.getByLabel('Purpose')).toHaveValue('Another fitting');
  await shot(page, 'appointment-clash');

  // Cancelling frees the slot.
  await page.goto(`/calendar?view=day&date=${slot.date}`);
  await page.locator('li.appointment', { hasText: purpose }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('li.appointment', { hasText: purpose }).locator('.badge')).toHaveText('Cancelled');
});

test('a manager sees the store calendar and books for an associate', async ({ page }) => {
  await signIn(page, 'MANAGER');
  await page.goto('/calendar');
  const store = page.getByLabel('Store', { exact: true });
  await expect(store).toBeVisible();
  await store.selectOption('helsinki');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page).toHaveURL(/store=helsinki/);
  // The store view shows the appointments of several associates.
  const names = await page.locator('li.appointment').evaluateAll((els) =>
    els.map((e) => (e.querySelector('p')?.textContent ?? '').split('·').pop()?.trim()),
  );
  expect(new Set(names).size, 'associates in the store week').toBeGreaterThan(1);
  await shot(page, 'calendar-store');
  await page.getByRole('link', { name: 'Book an appointment' }).click();
  await expect(page.getByLabel('For')).toBeVisible();
  expect(await page.getByLabel('For').locator('option').count()).toBeGreaterThan(1);
});

/** Set the company time zone on the settings page (as the admin). */
async function setZone(page: Page, zone: string) {
  await page.goto('/setup/settings');
  await page.getByLabel('Company time zone').fill(zone);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toHaveText('Settings saved.');
}

test('typed times are the company time: an activity follow-up and a booking', async ({ page, browser }) => {
  await signIn(page, 'ADMIN');
  await setZone(page, 'Pacific/Kiritimati'); // UTC+14: never the UTC day's hour
  const context = await browser.newContext();
  try {
    const assoc = await context.newPage();
    await signIn(assoc, 'ASSOCIATE');
    const account = await firstOwnCustomer(assoc);

    // An activity with a follow-up at 10:00 company time shows 10:00.
    await assoc.goto(`/customers/${account}`);
    const text = `Call about the coat ${Date.now()}`;
    const log = assoc.locator('form[action$="/activities"]');
    await log.locator('#act-desc').fill(text);
    await log.locator('#act-due').fill('2027-03-01T10:00');
    await log.locator('button[type=submit]').click();
    const entry = assoc.locator('ol.timeline li', { hasText: text });
    await expect(entry).toContainText('Mar 1, 2027');
    await expect(entry).toContainText(enTime('10:00'));

    // A booking at 10:40 company time is 20:40 UTC the day before.
    const slot = futureSlot();
    await assoc.goto('/calendar/book');
    await assoc.getByLabel('Customer account').fill(account);
    await assoc.getByLabel('Start').fill(`${slot.date}T10:40`);
    await assoc.getByLabel('Purpose').fill(text);
    await assoc.locator('main form').getByRole('button', { name: 'Book an appointment' }).click();
    await expect(assoc.getByRole('status')).toHaveText('Appointment booked.');
    await expect(assoc).toHaveURL(new RegExp(`date=${slot.date}`));
    const item = assoc.locator('li.appointment', { hasText: text });
    await expect(item).toContainText(enTime('10:40'));
    const ics = await (await assoc.request.get((await item.getByRole('link', { name: /\.ics/ }).getAttribute('href')) as string)).text();
    const utcDay = new Date(Date.parse(`${slot.date}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
    expect(ics).toContain(`DTSTART:${utcDay.replace(/-/g, '')}T204000Z`);
    await shot(assoc, 'calendar-company-zone');
    await item.getByRole('button', { name: 'Cancel' }).click();
  } finally {
    await context.close();
    await setZone(page, 'UTC');
  }
});
