/**
 * Sandbox benchmark (issue 4): `domaindeck sandbox --domains 100000` starts
 * in under 10 s, and the first full Dynadot `list_domain` and a MrDomain
 * `domain/list` walk over all 100,000 names are timed against it. The child
 * is the real CLI (tsx load included), as a script or CI would start it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { line, print } from './_report.js';

const N = 100_000;
const STARTUP_TARGET_MS = 10_000;
const PAGE = 1000;
/** The whole run stops here whatever happens, so `npm run bench` never hangs. */
const WATCHDOG_MS = 240_000;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const B = 'sandbox';

interface Descriptor {
  registrars: Record<string, { endpoint: string; accounts: { label: string; credentials: Record<string, string> }[] }>;
}

function firstLine(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox exited (${code}) before its descriptor: ${stderr().slice(-2000)}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const hard = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(hard);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function dynadotListAll(d: Descriptor): Promise<{ ms: number; count: number }> {
  const dyn = d.registrars.dynadot!;
  const key = dyn.accounts[0]!.credentials.key!;
  const t0 = performance.now();
  const res = await fetch(`${dyn.endpoint}/api3.json?key=${encodeURIComponent(key)}&command=list_domain`);
  const body = (await res.json()) as { ListDomainInfoResponse?: { Status?: string; MainDomains?: unknown[] } };
  const ms = performance.now() - t0;
  const reply = body.ListDomainInfoResponse;
  if (!res.ok || reply?.Status !== 'success') throw new Error(`Dynadot list_domain failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return { ms, count: reply.MainDomains?.length ?? 0 };
}

async function mrdomainListAll(d: Descriptor): Promise<{ ms: number; count: number; total: number }> {
  const mrd = d.registrars.mrdomain!;
  const { apiuser, apipasswd } = mrd.accounts[0]!.credentials;
  let count = 0;
  let total = Infinity;
  const t0 = performance.now();
  // Sequential on purpose: the simulator, like the real API, blocks simultaneous access.
  for (let page = 1; (page - 1) * PAGE < total; page++) {
    const form = new URLSearchParams({ apiuser: apiuser!, apipasswd: apipasswd!, pageLength: String(PAGE), page: String(page) });
    const res = await fetch(`${mrd.endpoint}/domain/list/`, { method: 'POST', body: form });
    const body = (await res.json()) as { success?: boolean; responseData?: { queryInfo: { total: number; results: number } } };
    if (!res.ok || !body.success || !body.responseData) throw new Error(`MrDomain domain/list page ${page} failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    total = body.responseData.queryInfo.total;
    count += body.responseData.queryInfo.results;
    if (body.responseData.queryInfo.results === 0) break;
  }
  return { ms: performance.now() - t0, count, total };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/domaindeck.mjs', 'sandbox', '--domains', String(N), '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const watchdog = setTimeout(() => {
    print(line(B, 'watchdog_timeout_ms', WATCHDOG_MS, 'ms', null));
    child.kill('SIGKILL');
    process.exit(0);
  }, WATCHDOG_MS);
  try {
    const descriptor = JSON.parse(await firstLine(child, () => stderr)) as Descriptor;
    const startup = performance.now() - t0;
    print(line(B, 'startup_ms', startup, 'ms', STARTUP_TARGET_MS));

    const dyn = await dynadotListAll(descriptor);
    print(line(B, 'dynadot_list_domain_100k_ms', dyn.ms, 'ms', null));
    print(line(B, 'dynadot_list_domain_count', dyn.count, 'names', N, false));

    const mrd = await mrdomainListAll(descriptor);
    print(line(B, 'mrdomain_list_100k_ms', mrd.ms, 'ms', null));
    print(line(B, 'mrdomain_list_count', mrd.count, 'names', N, false));
    if (mrd.total !== N) print(line(B, 'mrdomain_list_reported_total', mrd.total, 'names', N, false));

    // The promise: start and serve a full list within the same 10 s.
    const first = startup + dyn.ms;
    print(line(B, 'startup_plus_first_list_over_target', first / STARTUP_TARGET_MS, 'ratio', 1));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    print(line(B, 'error', 1, 'count', 0));
  } finally {
    clearTimeout(watchdog);
    await stop(child);
  }
}

await main();
