import { expect, test, type Page } from '@playwright/test';
import { startWebShellProcess, type StartedWebShell } from './web-shell.js';

/**
 * The investor's main path on a ~20k-name demo portfolio (three listing
 * registrars × 6,500 plus imported Irsfa names): filter, select 25 names
 * across two registrars, bulk renew with preview and typed confirmation,
 * watch the job, see new expiries and history; a connection dropped after a
 * renewal is applied shows as unconfirmed and is reconciled; with the
 * registrars unreachable the cache still browses.
 */
test.describe.configure({ mode: 'serial', timeout: 240_000 });

let shell: StartedWebShell;
const errors: string[] = [];

test.beforeAll(async () => {
  shell = await startWebShellProcess(['--demo', '--demo-domains', '6500']);
});
test.afterAll(async () => {
  await shell.stop();
});

async function faults(body: unknown): Promise<void> {
  const res = await fetch(`${shell.sandboxControl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.ok).toBe(true);
}

async function openPortfolio(page: Page): Promise<void> {
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(shell.url);
  // The demo syncs on start; wait until the whole portfolio is in the cache.
  await expect(page.getByTestId('result-count')).toHaveText(/19,700 names/, { timeout: 180_000 });
}

async function selectRenewable(page: Page, count: number): Promise<void> {
  const clear = page.getByRole('button', { name: 'Clear filters' });
  if (await clear.count()) await clear.click();
  await page.locator('.facets label', { hasText: 'Dynadot' }).first().click();
  await page.locator('.facets label', { hasText: 'MrDomain' }).first().click();
  await page.locator('.facets label', { hasText: /^Active/ }).click();
  await page.getByRole('button', { name: '1 year' }).click();
  await page.locator('[role="columnheader"]', { hasText: 'Domain' }).click();
  const rows = page.locator('.grid-row[data-name]');
  await expect(rows.nth(count)).toBeVisible();
  await rows.nth(0).click();
  await rows.nth(count - 1).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('bulk-bar')).toContainText(`${count} selected`);
}

test('filters 20k names instantly and selects 25 across two registrars for a bulk renew', async ({ page }) => {
  await openPortfolio(page);
  // Each keystroke asks for its first page once: at the keystroke itself, adopted by the grid when it renders.
  const firstPages: string[] = [];
  page.on('request', (r) => {
    if (!r.url().includes('/rpc/domains.query')) return;
    const body = r.postDataJSON() as { offset?: number; limit?: number; filter: { search?: string } };
    if (body.offset === 0 && (body.limit ?? 0) > 1) firstPages.push(body.filter.search ?? '');
  });
  await page.getByTestId('search').pressSequentially('oc', { delay: 150 });
  await expect(page.getByTestId('domain-grid')).toHaveAttribute('data-shown', /"search":"oc"/);
  expect(firstPages.filter((q) => q === 'o')).toHaveLength(1);
  expect(firstPages.filter((q) => q === 'oc')).toHaveLength(1);
  await page.getByTestId('search').fill('ocean');
  await expect(page.getByTestId('domain-grid')).toHaveAttribute('data-shown', /"search":"ocean"/);
  const firstName = await page.locator('.grid-row[data-name]').first().getAttribute('data-name');
  expect(firstName).toContain('ocean');
  await page.getByTestId('search').fill('');

  await selectRenewable(page, 25);
  const selectedNames = await page.locator('.grid-row.selected').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
  const accounts = await page.locator('.grid-row.selected .account-chip').allTextContents();
  expect(new Set(accounts).size).toBe(2);

  await page.getByTestId('bulk-renew').click();
  await page.getByTestId('renew-years').selectOption('2');
  await page.getByTestId('bulk-preview').click();
  const preview = page.getByTestId('bulk-preview-table');
  await expect(preview).toContainText('25 will run', { timeout: 60_000 });
  await expect(preview).toContainText('Total');
  await expect(page.getByTestId('bulk-start')).toBeDisabled();
  await page.getByTestId('bulk-confirm-text').fill('RENEW');
  await page.getByTestId('bulk-start').click();
  const progress = page.getByTestId('job-progress');
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(progress).toContainText('25 done');
  await page.getByRole('button', { name: 'Close' }).click();

  // New expiry and history for a renewed name (it now expires beyond the 1-year window: clear the filters).
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('search').fill(selectedNames[0]!);
  // The old rows stay until the new first page arrives: wait for the grid to show the search's answer.
  await expect(page.getByTestId('domain-grid')).toHaveAttribute('data-shown', new RegExp(`"search":"${selectedNames[0]!.replace(/\./g, '\\.')}"`));
  await page.locator(`.grid-row[data-name="${selectedNames[0]}"]`).dblclick();
  await expect(page.getByTestId('detail-panel')).toContainText(/Renewed|Expiry changed/);
  expect(errors).toEqual([]);
});

test('a renewal whose answer is lost shows as unconfirmed, then is reconciled by reading the domain back', async ({ page }) => {
  await openPortfolio(page);
  // Every MrDomain renewal is applied, then its connection is dropped (and the first answers are slowed).
  await faults({ mrdomain: { drop: { rate: 1 }, only: ['domain/renew'], latency: { ms: 400, jitter: 0 } } });
  await page.locator('.facets label', { hasText: 'MrDomain' }).first().click();
  await page.locator('.facets label', { hasText: /^Active/ }).click();
  await page.getByRole('button', { name: '1 year' }).click();
  const rows = page.locator('.grid-row[data-name]');
  await rows.nth(5).click();
  await rows.nth(6).click({ modifiers: ['Shift'] });
  await page.getByTestId('bulk-renew').click();
  await page.getByTestId('bulk-preview').click();
  await page.getByTestId('bulk-confirm-text').fill('2');
  await page.getByTestId('bulk-start').click();
  const progress = page.getByTestId('job-progress');
  await expect(page.getByTestId('unconfirmed-count')).not.toHaveText(/^0 /, { timeout: 60_000 });
  await faults({ mrdomain: null });
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(progress).toContainText('2 done');
  await expect(page.getByTestId('unconfirmed-count')).toHaveText(/^0 /);
});

test('with the registrars unreachable the portfolio still browses and sync explains the failure', async ({ page }) => {
  await openPortfolio(page);
  // Two registrars down. (Lanes that read name by name, like Irsfa's, pause themselves after a few errors so the
  // registrar does not block the account; the toolbar then shows that pause, which would make this test wait minutes.)
  await faults({ dynadot: { error5xx: { rate: 1 } }, reseller: { error5xx: { rate: 1 } } });
  await page.getByTestId('search').fill('labs');
  await expect(page.locator('.grid-row[data-name]').first()).toBeVisible();
  await page.locator('.grid-row[data-name]').first().dblclick();
  await expect(page.getByTestId('detail-panel')).toBeVisible();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.locator('.sync-progress')).toContainText(/could not be synced/, { timeout: 120_000 });
  await expect(page.getByTestId('result-count')).toHaveText(/names/);
  await expect(page.locator('.sync-progress')).toContainText('Dynadot demo');
  await faults({ dynadot: null, reseller: null });
});
