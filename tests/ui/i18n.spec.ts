// The UI in Finnish and Lithuanian: the sign-in page follows the browser's
// Accept-Language and ?lang=, an associate switches language in the header
// (saved as their preference), a manager and an admin with Finnish and
// Lithuanian browsers walk their pages, and no English UI text is left on
// any of them. Data (customer names, attribute names and values entered by
// HQ, activity type names and texts stored in the database) stays as it is,
// so the word list below holds only words of the UI itself.
//
// The associate's language is put back to English at the end, so the other
// (English) browser tests keep their language.
import { test, expect, type Browser, type Page } from '@playwright/test';
import { env, shot, signIn } from './helpers';

/** English words and phrases of the UI (matched case-sensitively, as whole words). */
const ENGLISH = [
  'Customers', 'Customer', 'Sign out', 'Sign in', 'client book', 'Client book', 'My client book',
  'Save', 'Saved', 'Measures', 'Timeline', 'Purchases', 'Search', 'Settings', 'Next page',
  'Log activity', 'Add note', 'Activity type', 'Activity types', 'Description', 'Attributes',
  'Contact', 'First name', 'Last name', 'Upcoming', 'Remove', 'Apply', 'Clear', 'Churn',
  'Total', 'Account', 'Only me', 'Everyone', 'Show', 'Who can read', 'Client card', 'days',
  'months', 'weeks', 'today', 'tomorrow', 'bought', 'buys', 'Next best action', 'Expected',
  'Champions', 'Loyal customers', 'Older entries', 'Nothing', 'Stores and people', 'Insights',
  'Audit log', 'Follow up', 'Consents', 'Postal code', 'Country', 'Street', 'City', 'Name',
  'Username', 'Password', 'Company', 'Filter', 'Refine', 'Value', 'Parameter', 'Latest run',
  'Started', 'Histogram', 'Group', 'Order', 'Type', 'Refinable', 'yes', 'Rename', 'Activate',
  'Deactivate', 'Delete', 'Add', 'New', 'Role', 'Permissions', 'Associates', 'Address books',
  'optional', 'edited', 'due', 'Invite', 'Send', 'Share', 'Offer', 'Propose', 'Please correct',
  'must be', 'not found', 'Back to',
  // gaps-ui: follow-ups, outreach, calendar, booking, dashboard, attribution.
  'Follow-ups', 'Follow-up', 'Overdue', 'overdue', 'Done', 'Snooze', 'Dismiss', 'Reason', 'Calendar',
  'Dashboard', 'Book an appointment', 'Appointment', 'Booked', 'Held', 'Cancelled',
  'Cancel', 'Mark held', 'Week', 'Previous', 'Today', 'Purpose', 'Duration', 'minutes', 'Start',
  'already has', 'This time is taken', 'Previous period', 'Attributed', 'Download CSV', 'Conversion',
  'Outreach', 'Leaderboard', 'Rank', 'Stores', 'Apply', 'before by', 'Message sent', 'Template',
  'Templates', 'Message templates', 'Channel', 'Preview', 'Subject', 'Body', 'Quiet hours', 'Results',
  'queued', 'no consent', 'Attribution', 'Windows', 'Priority', 'Split', 'Rules saved', 'Version',
  'Run rules now', 'Follow-up rules', 'Store visit', 'Send a message', 'Message these customers',
  'Opt-in', 'Source', 'Sales', 'Orders', 'held',
];

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patterns = ENGLISH.map((w) => ({ w, re: new RegExp(`(^|[^\\p{L}])${escape(w)}(?![\\p{L}])`, 'u') }));

/** The English words found in the visible text, labels and placeholders of the page. */
async function englishOn(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const attrs = await page
    .locator('[aria-label]:not([lang]), [placeholder], [title]:not([lang])')
    .evaluateAll((els) =>
      els.map((e) => ['aria-label', 'placeholder', 'title'].map((a) => e.getAttribute(a) ?? '').join(' ')),
    );
  const all = [text, ...attrs, await page.title()].join('\n');
  return patterns.filter(({ re }) => re.test(all)).map(({ w }) => w);
}

async function expectNoEnglish(page: Page, where: string) {
  expect(await englishOn(page), `English UI text on ${where}`).toEqual([]);
}

/** Sign in through the form whatever its language (by field ids). */
async function signInAnyLanguage(page: Page, role: 'ASSOCIATE' | 'MANAGER' | 'ADMIN') {
  await page.goto('/login');
  await page.locator('#company').fill(env('DEMO_COMPANY'));
  await page.locator('#username').fill(env(`DEMO_${role}_USER`));
  await page.locator('#password').fill(env(`DEMO_${role}_PASSWORD`));
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('header.top')).toBeVisible();
}

async function browserIn(browser: Browser, locale: string) {
  const context = await browser.newContext({ locale });
  return { context, page: await context.newPage() };
}

test('the sign-in page follows Accept-Language, and ?lang= switches it', async ({ browser }) => {
  const { context, page } = await browserIn(browser, 'fi-FI');
  try {
    const res = await page.goto('/login');
    expect(res?.headers()['content-language']).toBe('fi');
    expect(res?.headers()['vary']).toContain('Accept-Language');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fi');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kirjaudu sisään');
    await expect(page.getByLabel('Käyttäjätunnus')).toBeVisible();
    await expectNoEnglish(page, 'login (fi)');
    await page.getByRole('link', { name: 'lietuvių' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'lt');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prisijungimas');
    await expectNoEnglish(page, 'login (lt)');
    await shot(page, 'login-lt');
    // The choice is remembered in a cookie.
    await page.goto('/login');
    await expect(page.locator('html')).toHaveAttribute('lang', 'lt');
  } finally {
    await context.close();
  }
});

/** Walk the associate's pages in the current language. */
async function walkAssociatePages(page: Page, lang: string) {
  await page.goto('/book');
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('li.card.client').first()).toBeVisible();
  await expectNoEnglish(page, `book (${lang})`);
  await shot(page, `book-${lang}`);

  await page.locator('li.card.client').first().getByRole('link').first().click();
  await expect(page.locator('#measures-h')).toBeVisible();
  await expectNoEnglish(page, `customer (${lang})`);
  await shot(page, `customer-${lang}`);

  // An empty activity is refused with a translated message next to the field.
  const log = page.locator('form[action$="/activities"]');
  await log.locator('button[type=submit]').click();
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(log.locator('.error')).toBeVisible();
  await expectNoEnglish(page, `customer with an error (${lang})`);

  // A logged activity with a follow-up and a note shared with the store:
  // dates, times and badges in the language.
  await log.locator('#act-desc').fill(lang === 'fi' ? 'Soitin syyskauden laukuista' : 'Paskambinau dėl rudens rankinių');
  await log.locator('#act-due').fill('2026-12-01T10:00');
  await log.locator('button[type=submit]').click();
  await expect(page.locator('ol.timeline li').first()).toBeVisible();
  const note = page.locator('form[action$="/notes"]');
  await note.locator('#note-text').fill(lang === 'fi' ? 'Pitää huiveista' : 'Mėgsta šalikus');
  await note.locator('input[value=store]').check();
  await note.locator('button[type=submit]').click();
  await expect(page.locator('ol.timeline li.note').first()).toBeVisible();
  await expectNoEnglish(page, `customer timeline (${lang})`);
  await shot(page, `customer-timeline-${lang}`);

  await page.goto('/customers');
  await expect(page.locator('table.list')).toBeVisible();
  await expectNoEnglish(page, `customers (${lang})`);
  await shot(page, `customers-${lang}`);

  await page.goto('/customers/new');
  await page.locator('#email').fill('not-an-email');
  await page.locator('form.grid-form button[type=submit]').click();
  await expect(page.locator('#email-error')).toBeVisible();
  await expectNoEnglish(page, `new customer with errors (${lang})`);
  await shot(page, `customer-form-error-${lang}`);

  await page.goto('/customers/NO-SUCH-CUSTOMER');
  await expectNoEnglish(page, `not-found page (${lang})`);
}

test('an associate switches to Finnish and Lithuanian and meets no English', async ({ page }) => {
  await signIn(page, 'ASSOCIATE');
  try {
    await page.getByRole('button', { name: 'suomi' }).click();
    await expect(page.getByRole('button', { name: 'Kirjaudu ulos' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Oma asiakaskirja');
    await walkAssociatePages(page, 'fi');

    await page.goto('/book');
    await page.getByRole('button', { name: 'lietuvių' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mano klientų knyga');
    await walkAssociatePages(page, 'lt');
  } finally {
    await page.goto('/customers');
    const english = page.getByRole('button', { name: 'English' });
    if (await english.count()) {
      await english.click();
    }
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  }
});

test('a manager with a Finnish browser sees the store client book in Finnish', async ({ browser }) => {
  const { context, page } = await browserIn(browser, 'fi-FI');
  try {
    await signInAnyLanguage(page, 'MANAGER');
    await page.getByRole('navigation').getByRole('link', { name: 'Myymälän asiakaskirja' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Myymälän asiakaskirja');
    await expect(page.locator('li.card.client').first()).toBeVisible();
    await expectNoEnglish(page, 'store book (fi)');
    await shot(page, 'store-book-fi');
  } finally {
    await context.close();
  }
});

test('an admin with a Lithuanian browser walks the setup pages', async ({ browser }) => {
  const { context, page } = await browserIn(browser, 'lt-LT');
  try {
    await signInAnyLanguage(page, 'ADMIN');
    const pages: [string, string][] = [
      ['/setup/settings', 'settings-lt'],
      ['/setup/attributes', 'attributes-lt'],
      ['/setup/insights', 'insights-lt'],
      ['/setup/activity-types', 'activity-types-lt'],
      ['/setup/organisation', 'organisation-lt'],
      ['/audit', 'audit-lt'],
    ];
    // A finished insights run: parameters and the histogram in Lithuanian.
    await page.goto('/setup/insights');
    await page.locator('main form button[type=submit]').click();
    await expect(page.getByRole('heading', { name: 'Paskutinis skaičiavimas: baigtas' })).toBeVisible({
      timeout: 20_000,
    });
    for (const [path, name] of pages) {
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', 'lt');
      await expectNoEnglish(page, path);
      await shot(page, name);
    }
  } finally {
    await context.close();
  }
});

test('API problem titles follow Accept-Language', async ({ request }) => {
  const res = await request.get('/api/v1/me', { headers: { 'Accept-Language': 'lt' } });
  expect(res.status()).toBe(401);
  expect(res.headers()['content-language']).toBe('lt');
  expect((await res.json()).title).toBe('Reikia prisijungti');
  const en = await request.get('/api/v1/me');
  expect((await en.json()).title).toBe('Unauthorized');
});

// uigaps: the store chooser, the reassign form with its errors, adding from
// the search list and custom roles, in Finnish and Lithuanian.
test('a manager with a Finnish browser chooses a store and reassigns in Finnish', async ({ browser }) => {
  const { context, page } = await browserIn(browser, 'fi-FI');
  try {
    await signInAnyLanguage(page, 'MANAGER');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Valitse myymäläsi');
    await expectNoEnglish(page, 'store choice (fi)');
    await page.getByRole('button', { name: 'Helsinki Esplanadi' }).click();
    await page.goto('/stores/helsinki/book');
    await page.getByRole('form', { name: 'Siirrä asiakkaita' }).getByRole('button', { name: 'Tarkista' }).click();
    await expect(page.getByText('Valitse myyjä, jolle asiakkaat siirretään.')).toBeVisible();
    await expectNoEnglish(page, 'reassign errors (fi)');
    await shot(page, 'reassign-fi');
    await page.goto('/customers?q=a');
    await page.locator('#results tbody tr').first().locator('form button').click();
    await expect(page.locator('#results .row-result').first()).toBeVisible();
    await expectNoEnglish(page, 'search list add (fi)');
  } finally {
    await context.close();
  }
});

test('an admin with a Lithuanian browser gets role errors in Lithuanian', async ({ browser }) => {
  const { context, page } = await browserIn(browser, 'lt-LT');
  try {
    await signInAnyLanguage(page, 'ADMIN');
    await page.goto('/setup/organisation');
    await page.locator('#role-name').fill('Bloga Rolė!');
    await page.locator('form[action="/setup/roles"] button[type=submit]').click();
    await expect(page.getByText('Pasirinkite bent vieną teisę.')).toBeVisible();
    await expectNoEnglish(page, 'role errors (lt)');
    await page.goto('/setup/settings');
    await page.locator('#time_zone').fill('Mars/Olympus');
    await page.locator('main form button[type=submit]').click();
    await expect(page.getByText('Turi būti IANA laiko juostos pavadinimas, pvz., Europe/Vilnius.')).toBeVisible();
    await expectNoEnglish(page, 'settings errors (lt)');
    await shot(page, 'settings-errors-lt');
  } finally {
    await context.close();
  }
});

// gaps-ui: the follow-up, outreach, calendar, booking and dashboard pages of
// a manager, and HQ's template, follow-up rule and attribution pages, in
// Finnish and in Lithuanian.
async function seeNoEnglish(page: Page, path: string, name: string, lang: string) {
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expectNoEnglish(page, `${path} (${lang})`);
  await shot(page, `${name}-${lang}`);
}

/** A free slot far in the future, as a `datetime-local` value. */
function futureStart(): string {
  const d = new Date(Date.now() + (400 + Math.floor(Math.random() * 300)) * 86400000);
  return `${d.toISOString().slice(0, 10)}T${String(8 + Math.floor(Math.random() * 9)).padStart(2, '0')}:20`;
}

async function walkManagerPages(page: Page, lang: string) {
  await seeNoEnglish(page, '/follow-ups', 'follow-ups', lang);
  await seeNoEnglish(page, '/follow-ups?status=done', 'follow-ups-done', lang);
  await page.goto('/book');
  await expect(page.locator('section.follow-ups-due')).toBeVisible();
  await expectNoEnglish(page, `book with follow-ups due (${lang})`);

  // Message these customers: the form with its preview (not sent: the
  // outreach spec counts the e-mails that arrive).
  await page.locator('a[href^="/outreach/new"]').click();
  await expect(page.locator('#outreach-preview')).not.toBeEmpty();
  await expectNoEnglish(page, `outreach bulk (${lang})`);
  await shot(page, `outreach-bulk-${lang}`);

  // One customer: send a message, its result, and the consents.
  await page.goto('/book');
  const href = (await page.locator('li.card.client').first().getByRole('link').first().getAttribute('href')) as string;
  const account = href.split('/customers/')[1];
  await seeNoEnglish(page, `/outreach/new?account=${account}`, 'outreach-send', lang);
  await expect(page.locator('#outreach-preview')).not.toBeEmpty();
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('#outreach-results tbody tr').first()).toBeVisible();
  await expectNoEnglish(page, `outreach result (${lang})`);
  await shot(page, `outreach-results-${lang}`);
  await seeNoEnglish(page, `/customers/${account}/consents`, 'consents', lang);

  // Calendar, and booking with errors and with a clash.
  await seeNoEnglish(page, '/calendar', 'calendar-week', lang);
  await seeNoEnglish(page, '/calendar?view=day&store=helsinki', 'calendar-day', lang);
  await page.goto('/calendar/book');
  await page.locator('main form button[type=submit]').click();
  await expect(page.locator('#appt-start-error')).toBeVisible();
  await expectNoEnglish(page, `booking errors (${lang})`);
  const start = futureStart();
  const book = async () => {
    await page.locator('#appt-customer').fill(account);
    await page.locator('#appt-start').fill(start);
    await page.locator('#appt-purpose').fill(lang === 'fi' ? 'Sovitus' : 'Pritaikymas');
    await page.locator('main form button[type=submit]').click();
  };
  await book();
  await expect(page.locator('li.appointment').first()).toBeVisible();
  await expectNoEnglish(page, `calendar after booking (${lang})`);
  await page.goto('/calendar/book');
  await book();
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoEnglish(page, `booking clash (${lang})`);
  await shot(page, `appointment-clash-${lang}`);

  // Dashboard, by store, and the attributed purchases.
  await seeNoEnglish(page, '/dashboard', 'dashboard', lang);
  await seeNoEnglish(page, '/dashboard?group_by=store', 'dashboard-stores', lang);
  await page.locator('table.kpis tfoot a').click();
  await expect(page.locator('table.attributed td.why').first()).toBeVisible();
  await expectNoEnglish(page, `attributed purchases (${lang})`);
  await shot(page, `dashboard-attributed-${lang}`);
}

for (const [locale, lang, store] of [['fi-FI', 'fi', 'Helsinki Esplanadi'], ['lt-LT', 'lt', 'Helsinki Esplanadi']]) {
  test(`a manager walks follow-ups, outreach, calendar and dashboard in ${lang}`, async ({ browser }) => {
    test.setTimeout(180_000);
    const { context, page } = await browserIn(browser, locale);
    try {
      await signInAnyLanguage(page, 'MANAGER');
      await page.getByRole('button', { name: store }).click();
      await expect(page.locator('header.top')).toBeVisible();
      await walkManagerPages(page, lang);
    } finally {
      await context.close();
    }
  });

  test(`an admin walks templates, follow-up rules and attribution in ${lang}`, async ({ browser }) => {
    const { context, page } = await browserIn(browser, locale);
    try {
      await signInAnyLanguage(page, 'ADMIN');
      await seeNoEnglish(page, '/setup/message-templates', 'templates', lang);
      await page.locator('main a[href^="/setup/message-templates?"]').first().click();
      await expect(page.locator('#template-preview')).not.toBeEmpty();
      await expectNoEnglish(page, `template editor (${lang})`);
      await shot(page, `template-editor-${lang}`);
      await seeNoEnglish(page, '/setup/follow-up-rules', 'follow-up-rules', lang);
      await seeNoEnglish(page, '/setup/attribution', 'attribution-rules', lang);
      await page.locator('main form input[type=number]').first().fill('999');
      await page.locator('main form button[type=submit]').click();
      await expect(page.locator('main .field.invalid .error')).toBeVisible();
      await expectNoEnglish(page, `attribution rules with an error (${lang})`);
      await seeNoEnglish(page, '/audit', 'audit', lang);
    } finally {
      await context.close();
    }
  });
}
