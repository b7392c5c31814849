import { expect, test } from '@playwright/test';
import { startWebShellProcess, type StartedWebShell } from './web-shell.js';

/**
 * Issue 7: a sync shows on the Jobs screen like a bulk job, with its items
 * being accounts (their counts, not domain names) and no Pause button,
 * since a sync cannot be paused.
 */
let shell: StartedWebShell;

test.beforeAll(async () => {
  shell = await startWebShellProcess(['--demo', '--demo-domains', '300']);
});
test.afterAll(async () => {
  await shell.stop();
});

test('the demo sync is a job on the Jobs screen: one row per account with its counts, and no Pause', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(shell.url);
  await page.locator('[data-nav="jobs"]').click();
  const syncRow = page.locator('.jobs-list tr', { hasText: /Sync \d+ accounts \(full\)/ });
  await expect(syncRow).toHaveCount(1, { timeout: 120_000 });
  await syncRow.click();
  const panel = page.getByTestId('job-progress');
  await expect(panel).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(panel).toContainText(/Sync \d+ accounts \(full\)/);
  const items = panel.locator('.job-items tr');
  expect(await items.count()).toBeGreaterThanOrEqual(3);
  // Each item is an account: its label and what its pass did.
  await expect(panel.locator('.job-items tr[data-item="Dynadot demo"]')).toContainText(/\d+ new, \d+ changed, \d+ removed, \d+ flagged · \d+ registrar requests/);
  await expect(panel.getByRole('button', { name: 'Pause' })).toHaveCount(0);
  expect(errors).toEqual([]);
});
