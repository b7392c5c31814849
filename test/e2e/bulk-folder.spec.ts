import { expect, test, type Page } from '@playwright/test';
import { startWebShellProcess, type StartedWebShell } from './web-shell.js';

/**
 * Bulk "Move to folder…" in Chromium on a small demo portfolio: names from
 * Dynadot (folders) and MrDomain (no folders) selected together; the preview
 * says the folder will be created and lists MrDomain's skips with the
 * reason; the job moves the Dynadot names and the folder facet shows them.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let shell: StartedWebShell;
const PER_REGISTRAR = 120;

test.beforeAll(async () => {
  shell = await startWebShellProcess(['--demo', '--demo-domains', String(PER_REGISTRAR)]);
});
test.afterAll(async () => {
  await shell.stop();
});

/** The portfolio with both listing registrars in full (the demo syncs on start), and the page errors seen. */
async function openPortfolio(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(shell.url);
  const facet = (text: string | RegExp) => page.locator('.facets label', { hasText: text }).first();
  // In full, so rows do not shift between two clicks.
  await expect(facet('MrDomain').locator('.count')).toHaveText(String(PER_REGISTRAR), { timeout: 120_000 });
  await expect(facet('Dynadot').locator('.count')).toHaveText(String(PER_REGISTRAR), { timeout: 120_000 });
  return { errors, facet };
}

test('moves the Dynadot names of a mixed selection into a new folder and skips MrDomain with the reason', async ({ page }) => {
  const { errors, facet } = await openPortfolio(page);
  await facet('Dynadot').click();
  await facet('MrDomain').click();
  await page.locator('[role="columnheader"]', { hasText: 'Domain' }).click();
  const rows = page.locator('.grid-row[data-name]');
  await expect(rows.nth(20)).toBeVisible({ timeout: 60_000 });
  await rows.nth(0).click();
  await rows.nth(19).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('bulk-bar')).toContainText('20 selected');
  const accounts = await page.locator('.grid-row.selected .account-chip').allTextContents();
  expect(new Set(accounts).size).toBe(2);

  await page.getByTestId('bulk-folder').click();
  const dialog = page.getByTestId('bulk-dialog');
  await expect(dialog).toContainText('Move to folder');
  await expect(page.getByTestId('bulk-preview')).toBeDisabled();
  await page.getByTestId('folder-name').fill('E2E moved');
  await page.getByTestId('folder-name').press('Enter');
  const preview = page.getByTestId('bulk-preview-table');
  await expect(preview).toContainText('will run', { timeout: 60_000 });
  await expect(page.getByTestId('bulk-account-notes')).toContainText('Folder "E2E moved" will be created');
  const skipped = page.getByTestId('bulk-skipped-by-registrar').locator('tr[data-registrar="mrdomain"]');
  await expect(skipped).toContainText('MrDomain has tags but no folders');
  await page.getByTestId('bulk-start').click();
  const progress = page.getByTestId('job-progress');
  await expect(progress).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(progress).toContainText(/\d+ done/);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(facet('E2E moved')).toBeVisible({ timeout: 30_000 });
  expect(errors).toEqual([]);
});

test("a domain's detail panel offers its registrar's actions and says why one is missing", async ({ page }) => {
  const { errors, facet } = await openPortfolio(page);
  const rows = page.locator('.grid-row[data-name]');

  // Active names (an expired or pending-delete one's renewal would be refused, with its own reason).
  await facet(/^Active/).click();
  await facet('MrDomain').click();
  await expect(page.getByTestId('domain-grid')).toHaveAttribute('data-shown', /"registrars":\["mrdomain"\]/);
  await rows.first().dblclick();
  const actions = page.getByTestId('detail-actions');
  await expect(page.getByTestId('detail-action-renew')).toBeEnabled();
  await expect(page.getByTestId('detail-action-folder')).toBeDisabled();
  await expect(page.getByTestId('detail-actions-unavailable')).toContainText('MrDomain has tags but no folders');

  await facet('MrDomain').click();
  await facet('Dynadot').click();
  await expect(page.getByTestId('domain-grid')).toHaveAttribute('data-shown', /"registrars":\["dynadot"\]/);
  await rows.first().dblclick();
  await expect(page.getByTestId('detail-action-folder')).toBeEnabled();
  await expect(page.getByTestId('detail-actions-unavailable')).toHaveCount(0);
  await page.getByTestId('detail-action-lock').click();
  await expect(page.getByTestId('bulk-dialog')).toBeVisible();
  await expect(actions).toBeVisible();
  expect(errors).toEqual([]);
});
