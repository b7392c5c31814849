// Screenshots of every screen through the web shell, for people to look at:
//   node scripts/screenshots.mjs [outDir] [--demo] [--theme dark]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright';

const args = process.argv.slice(2);
const outDir = args.find((a) => !a.startsWith('--')) ?? 'screenshots';
const demo = args.includes('--demo');
const theme = args.includes('--theme') ? args[args.indexOf('--theme') + 1] : 'light';
mkdirSync(outDir, { recursive: true });

const dataDir = mkdtempSync(join(tmpdir(), 'dd-shots-'));
const child = spawn(process.execPath, ['bin/domaindeck.mjs', '--data-dir', dataDir, 'web', '--json', ...(demo ? ['--demo'] : [])], {
  env: { ...process.env, DOMAINDECK_PASSPHRASE: process.env.DOMAINDECK_PASSPHRASE ?? 'screenshots' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const first = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
const { url } = JSON.parse(first);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: theme === 'dark' ? 'dark' : 'light' });
await page.goto(url);
for (const id of ['portfolio', 'auctions', 'dns', 'ssl', 'accounts', 'jobs', 'settings']) {
  await page.locator(`[data-nav="${id}"]`).click();
  await page.waitForTimeout(demo ? 1500 : 300);
  await page.screenshot({ path: join(outDir, `${id}-${theme}.png`) });
}
await browser.close();
child.kill('SIGTERM');
console.error(`Screenshots in ${outDir}`);
