import { expect, test, type Page } from '@playwright/test';
import { startWebShellProcess, type StartedWebShell } from './web-shell.js';

/**
 * Importing the investor's own data through the Portfolio screen: choose a
 * CSV, read the preview (changes grouped by domain, bad rows with their row
 * number and reason), accept the good rows, apply with Enter, and see the
 * tags in the table and the notes in the detail panel. Dropping the same
 * file again previews nothing to change.
 */
test.describe.configure({ mode: 'serial', timeout: 180_000 });

let shell: StartedWebShell;
const errors: string[] = [];

test.beforeAll(async () => {
  shell = await startWebShellProcess(['--demo', '--demo-domains', '40']);
});
test.afterAll(async () => {
  await shell.stop();
});

async function openPortfolio(page: Page): Promise<string[]> {
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(shell.url);
  // Three listing registrars × 40 plus the 40 Irsfa names the demo imports.
  await expect(page.getByTestId('result-count')).toHaveText(/^160 names/, { timeout: 120_000 });
  await page.locator('[role="columnheader"]', { hasText: 'Domain' }).click();
  const rows = page.locator('.grid-row[data-name]');
  await expect(rows.nth(2)).toBeVisible();
  return (await rows.evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('data-name')))) as string[];
}

test('imports tags, notes and prices from a CSV with a preview, skipping bad rows only when asked', async ({ page }) => {
  const [first, second, third] = await openPortfolio(page);
  const csv = [
    'name,tags,notes,purchase_price,purchase_currency',
    `${first},"e2e-vip, e2e-keep",Imported from e2e,250.00,USD`,
    `${second},,Second note,,`,
    'not-in-this-portfolio.com,x,,,',
    `${third},,,"12,99",EUR`,
  ].join('\r\n');

  await page.getByTestId('import-open').click();
  const dialog = page.getByTestId('import-dialog');
  await expect(dialog).toContainText('Import your data from CSV');
  await page.getByTestId('import-file').setInputFiles({ name: 'user-data.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('4 changes');
  await expect(preview).toContainText('in 2 domains');
  await expect(preview).toContainText('2 bad rows');
  const changes = page.getByTestId('import-changes');
  await expect(changes.locator(`tr[data-name="${first}"]`)).toContainText('Tags');
  await expect(changes).toContainText('Imported from e2e');
  await expect(changes).toContainText('$250.00');
  await expect(changes).toContainText('Second note');
  const bad = page.getByTestId('import-bad-rows');
  await expect(bad.locator('tr[data-row="4"]')).toContainText('not-in-this-portfolio.com is not in your cached portfolio');
  await expect(bad.locator('tr[data-row="5"]')).toContainText('uses a comma for decimals');

  // Nothing is applied while there are bad rows, until the good ones are accepted.
  const apply = page.getByTestId('import-apply');
  await expect(apply).toBeDisabled();
  await expect(dialog).toContainText('Apply only the good rows (2) and skip the bad ones (2)');
  await page.getByTestId('import-accept').check();
  await expect(apply).toBeEnabled();
  await expect(apply).toHaveText('Apply 4 changes');
  await page.getByTestId('import-accept').press('Enter');
  await expect(page.getByTestId('import-result')).toContainText('Done: 4 changes applied to 2 domains, 2 bad rows skipped.');
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);

  // The table shows the new tags; the detail panel the notes.
  await page.getByTestId('search').fill(first!);
  await expect(page.getByTestId('result-count')).toHaveText(/^1 name/);
  const row = page.locator(`.grid-row[data-name="${first}"]`);
  await expect(row).toContainText('e2e-keep');
  await expect(row).toContainText('e2e-vip');
  await row.click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-panel')).toBeVisible();
  await expect(page.getByTestId('detail-panel').locator('.user-data textarea')).toHaveValue('Imported from e2e');
  expect(errors).toEqual([]);
});

test('dropping the same good rows again previews nothing to change; Esc closes', async ({ page }) => {
  const [first, second] = await openPortfolio(page);
  const csv = ['name,tags,notes,purchase_price,purchase_currency', `${first},"e2e-keep, e2e-vip",Imported from e2e,250.00,USD`, `${second},,Second note,,`].join('\r\n');
  await page.getByTestId('import-open').click();
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'again.csv', { type: 'text/csv' }));
    return dt;
  }, csv);
  await page.getByTestId('import-dropzone').dispatchEvent('drop', { dataTransfer });
  const preview = page.getByTestId('import-preview');
  await expect(preview).toContainText('Nothing to change: the file matches your data.');
  await expect(preview).toContainText('2 rows unchanged');
  await expect(page.getByTestId('import-apply')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('import-dialog')).toHaveCount(0);
  expect(errors).toEqual([]);
});
