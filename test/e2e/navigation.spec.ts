import { expect, test } from '@playwright/test';
import { startWebShellProcess, type StartedWebShell } from './web-shell.js';

let shell: StartedWebShell;
test.beforeAll(async () => {
  shell = await startWebShellProcess();
});
test.afterAll(async () => {
  await shell.stop();
});

const SCREENS = [
  ['portfolio', 'Portfolio'],
  ['auctions', 'Auctions'],
  ['dns', 'DNS'],
  ['ssl', 'SSL certificates'],
  ['accounts', 'Accounts'],
  ['jobs', 'Jobs'],
  ['settings', 'Settings'],
] as const;

test('every navigation entry opens its screen without an uncaught error', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(shell.url);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  for (const [id, heading] of SCREENS) {
    await page.locator(`[data-nav="${id}"]`).click();
    await expect(page.locator('main h1').first()).toHaveText(heading);
    await expect(page).toHaveURL(new RegExp(`#/${id}$`));
  }
  await expect(page.getByTestId('connectivity')).toHaveText(/Online|Offline/);
  expect(errors).toEqual([]);
});

test('keyboard shortcuts switch screens and the language can change to Indonesian', async ({ page }) => {
  await page.goto(shell.url);
  await expect(page.locator('main h1')).toBeVisible();
  await page.keyboard.press('Control+7');
  await expect(page.locator('main h1')).toHaveText('Settings');
  await page.locator('#locale').selectOption('id');
  await expect(page.locator('[data-nav="accounts"]')).toContainText('Akun');
  await page.locator('#locale').selectOption('en');
  await expect(page.locator('[data-nav="accounts"]')).toContainText('Accounts');
});

test('theme follows the choice in settings', async ({ page }) => {
  await page.goto(shell.url);
  await expect(page.locator('main h1')).toBeVisible();
  await page.keyboard.press('Control+7');
  await page.locator('#theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.locator('#theme').selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the page refuses to load without the token', async ({ page }) => {
  const res = await page.goto(shell.origin + '/');
  expect(res?.status()).toBe(401);
});
