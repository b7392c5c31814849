import { expect, test, type Page } from '@playwright/test';
import { startSandbox, type RunningSandbox } from '../../src-main/sandbox/server.js';
import { en } from '../../src-shared/i18n/en.js';
import { startWebShellProcess, type StartedWebShell } from './web-shell.js';

/**
 * Issue 11's end-to-end path: a newcomer adds one account of each registrar
 * through the Accounts form against the sandbox, tests each, and syncs;
 * a wrong Dynadot key is explained in plain words; demo mode works from a
 * fresh data folder. Any uncaught page error fails the test.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let errors: string[] = [];
test.beforeEach(({ page }) => {
  errors = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
});
test.afterEach(() => {
  expect(errors).toEqual([]);
});

type Credentials = Record<string, string>;

async function addAccount(page: Page, registrar: string, label: string, endpoint: string, credentials: Credentials): Promise<void> {
  await page.getByTestId('account-add').click();
  const form = page.getByTestId('account-form');
  await expect(form).toBeVisible();
  await form.locator('#acct-registrar').selectOption(registrar);
  await form.locator('#acct-label').fill(label);
  for (const [name, value] of Object.entries(credentials)) {
    if (name === 'environment') await form.locator('#acct-environment').selectOption(value);
    else await form.locator(`#acct-${name}`).fill(value);
  }
  await form.locator('#acct-endpoint').fill(endpoint);
  await page.getByTestId('account-save').click();
  await expect(form).toBeHidden();
  await expect(accountRow(page, label)).toBeVisible();
}

const accountRow = (page: Page, label: string) => page.locator(`tr[data-testid="account-row"][data-label="${label}"]`);
// The test outcome is shown in the detail row right below the account's row.
const testResult = (page: Page, label: string) => page.locator(`tr[data-testid="account-row"][data-label="${label}"] + tr [data-testid="account-test-result"]`);

async function testConnection(page: Page, label: string): Promise<void> {
  await accountRow(page, label).getByTestId('account-test').click();
}

test.describe('accounts added through the form against the sandbox', () => {
  let sandbox: RunningSandbox;
  let shell: StartedWebShell;

  test.beforeAll(async () => {
    sandbox = await startSandbox({ domains: 60 });
    shell = await startWebShellProcess();
  });
  test.afterAll(async () => {
    await shell?.stop();
    await sandbox?.close();
  });

  test('one account of each registrar: add, test connection, sync', async ({ page }) => {
    const r = sandbox.descriptor.registrars;
    const accounts: [registrar: string, label: string, endpoint: string, credentials: Credentials][] = [
      ['dynadot', 'My Dynadot', r.dynadot.endpoint, { key: r.dynadot.accounts[0]!.credentials.key! }],
      ['mrdomain', 'My MrDomain', r.mrdomain.endpoint, { apiuser: r.mrdomain.accounts[0]!.credentials.apiuser!, apipasswd: r.mrdomain.accounts[0]!.credentials.apipasswd! }],
      ['irsfa', 'My Irsfa', r.irsfa.endpoint, { clientId: r.irsfa.accounts[0]!.credentials.clientId!, clientSecret: r.irsfa.accounts[0]!.credentials.clientSecret!, environment: 'sandbox' }],
      ['reseller', 'My Reseller', r.reseller.endpoint, { token: r.reseller.accounts[0]!.credentials.token! }],
    ];

    await page.goto(shell.url);
    await page.locator('[data-nav="accounts"]').click();
    await expect(page.locator('main h1').first()).toHaveText('Accounts');
    await expect(page.getByText(en.screens.accounts.empty)).toBeVisible();

    for (const [registrar, label, endpoint, credentials] of accounts) {
      await addAccount(page, registrar, label, endpoint, credentials);
      await expect(accountRow(page, label)).toContainText(en.accounts.registrar[registrar as keyof typeof en.accounts.registrar]);
      await expect(accountRow(page, label).getByTestId('account-status')).toHaveAttribute('data-status', 'unknown');
    }
    await expect(page.getByTestId('account-row')).toHaveCount(4);

    for (const [registrar, label] of accounts) {
      await testConnection(page, label);
      const name = en.accounts.registrar[registrar as keyof typeof en.accounts.registrar];
      await expect(testResult(page, label)).toContainText(`Connected to ${name}.`, { timeout: 30_000 });
      await expect(testResult(page, label)).toHaveClass(/\bok\b/);
      await expect(accountRow(page, label).getByTestId('account-status')).toHaveAttribute('data-status', 'ok');
    }
    // No secret ever comes back to the page.
    const html = await page.content();
    for (const [, , , credentials] of accounts) for (const [k, v] of Object.entries(credentials)) if (k !== 'environment') expect(html).not.toContain(v);

    await page.locator('[data-nav="portfolio"]').click();
    // Adding and testing accounts syncs nothing: the names arrive with "Sync now".
    await expect(page.getByTestId('result-count')).toHaveText('0 names');
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    await syncNow.click();
    // Dynadot, MrDomain and the reseller list 60 names each; Irsfa cannot list, so it may add none.
    await expect(page.getByTestId('result-count')).toHaveText(/^(1[89]\d|[2-9]\d\d) names$/, { timeout: 120_000 });
    const registrarFacet = page.locator('.facets section', { has: page.locator('h3', { hasText: 'Registrar' }) });
    for (const name of ['Dynadot', 'MrDomain', 'Reseller']) await expect(registrarFacet.locator('label', { hasText: name })).toContainText(/\d/);
    await expect(syncNow).toBeEnabled({ timeout: 60_000 });
    await expect(page.locator('.sync-progress', { hasText: /could not be synced/ })).toHaveCount(0);

    // The Accounts screen now shows when each listing account was last synced.
    await page.locator('[data-nav="accounts"]').click();
    for (const label of ['My Dynadot', 'My MrDomain', 'My Reseller']) await expect(accountRow(page, label)).toContainText('Last synced');
  });

  test('a wrong Dynadot key is explained in plain words', async ({ page }) => {
    await page.goto(shell.url);
    await page.locator('[data-nav="accounts"]').click();
    await addAccount(page, 'dynadot', 'Wrong Dynadot', sandbox.descriptor.registrars.dynadot.endpoint, { key: 'wrongkey123' });
    await testConnection(page, 'Wrong Dynadot');
    await expect(testResult(page, 'Wrong Dynadot')).toHaveText(en.accounts.test.authFailed.dynadot, { timeout: 30_000 });
    await expect(testResult(page, 'Wrong Dynadot')).toHaveClass(/\bbad\b/);
    const status = accountRow(page, 'Wrong Dynadot').getByTestId('account-status');
    await expect(status).toHaveAttribute('data-status', 'auth-failed');
    await expect(status).toHaveText(en.accounts.status['auth-failed']);
    await expect(status).toHaveAttribute('title', en.accounts.test.authFailed.dynadot);
    // The good accounts are untouched.
    await expect(accountRow(page, 'My Dynadot').getByTestId('account-status')).toHaveAttribute('data-status', 'ok');
  });
});

test.describe('demo mode from a fresh data folder', () => {
  let shell: StartedWebShell;
  test.beforeAll(async () => {
    shell = await startWebShellProcess(['--demo', '--demo-domains', '50']);
  });
  test.afterAll(async () => {
    await shell?.stop();
  });

  test('shows the four demo accounts and their names', async ({ page }) => {
    await page.goto(shell.url);
    await page.locator('[data-nav="accounts"]').click();
    const rows = page.getByTestId('account-row');
    await expect(rows).toHaveCount(4);
    for (const name of ['Dynadot', 'MrDomain', 'Irsfa', 'Reseller']) {
      const row = page.locator('tr[data-testid="account-row"]', { hasText: `${name} demo` });
      await expect(row).toHaveCount(1);
      await expect(row.locator('.acct-demo')).toHaveText('demo');
    }
    await expect(page.getByTestId('account-remove-demo')).toBeVisible();

    await page.locator('[data-nav="portfolio"]').click();
    await expect(page.getByTestId('result-count')).toHaveText(/^[1-9][\d,]* names$/, { timeout: 120_000 });
    const registrarFacet = page.locator('.facets section', { has: page.locator('h3', { hasText: 'Registrar' }) });
    for (const name of ['Dynadot', 'MrDomain', 'Reseller']) await expect(registrarFacet.locator('label', { hasText: name })).toBeVisible();
  });
});
