import { createRng, hashString, type Rng } from './rng.js';

/**
 * Deterministic, realistic portfolios for the simulators. Every registrar
 * simulator maps these neutral records onto its own wire format.
 * Times are epoch milliseconds (UTC).
 */
export type SandboxDomainStatus = 'active' | 'grace' | 'redemption' | 'pending-delete';

export interface SandboxDomain {
  /** ASCII (punycode) name, lower case. */
  name: string;
  /** Unicode form for IDNs, otherwise equal to `name`. */
  unicode: string;
  tld: string;
  createdAt: number;
  expiresAt: number;
  status: SandboxDomainStatus;
  autoRenew: boolean;
  locked: boolean;
  privacy: 'full' | 'partial' | 'off';
  nameservers: string[];
  folder: string | null;
  /** Renewal price for one year in minor units of `currency`. */
  renewPriceMinor: number;
  currency: string;
  premium: boolean;
}

const DAY = 86_400_000;

const PREFIXES = [
  'blue', 'swift', 'prime', 'nova', 'urban', 'green', 'smart', 'bright', 'true', 'zen', 'peak', 'bold', 'clear', 'pure',
  'rapid', 'solid', 'global', 'royal', 'silver', 'golden', 'cloud', 'pixel', 'quantum', 'spark', 'lucky', 'happy', 'wild',
  'north', 'south', 'east', 'west', 'alpha', 'omega', 'metro', 'island', 'ocean', 'river', 'stone', 'iron', 'cyber', 'eco',
  'fresh', 'grand', 'hyper', 'jet', 'kinetic', 'lunar', 'magic', 'neo', 'open', 'polar', 'red', 'sky', 'sun', 'tiny',
  'ultra', 'vivid', 'warm', 'young', 'zesty', 'bali', 'java', 'jakarta', 'nusa', 'kopi', 'batik', 'madrid', 'sol',
] as const;
const NOUNS = [
  'harbor', 'labs', 'market', 'studio', 'works', 'hub', 'point', 'path', 'forge', 'nest', 'garden', 'box', 'cart', 'deck',
  'media', 'travel', 'homes', 'foods', 'health', 'pay', 'bank', 'shop', 'store', 'cloud', 'data', 'code', 'apps', 'games',
  'tours', 'coffee', 'fitness', 'realty', 'motors', 'energy', 'capital', 'ventures', 'design', 'craft', 'farm', 'academy',
  'clinic', 'legal', 'wear', 'books', 'music', 'photo', 'films', 'bikes', 'pets', 'kids', 'news', 'jobs', 'trade', 'link',
  'bay', 'field', 'ridge', 'vista', 'villa', 'casa', 'rumah', 'toko', 'warung', 'pasar',
] as const;
const IDN_WORDS = ['café', 'münchen', 'españa', 'niño', 'straße', 'über', 'señor', 'crème'] as const;

interface TldInfo {
  tld: string;
  weight: number;
  /** One-year renewal price in USD cents; converted per registrar currency below. */
  usdCents: number;
}
const TLDS: TldInfo[] = [
  { tld: 'com', weight: 40, usdCents: 1099 },
  { tld: 'net', weight: 8, usdCents: 1299 },
  { tld: 'org', weight: 6, usdCents: 1199 },
  { tld: 'io', weight: 5, usdCents: 3999 },
  { tld: 'co', weight: 4, usdCents: 2599 },
  { tld: 'ai', weight: 3, usdCents: 7999 },
  { tld: 'xyz', weight: 4, usdCents: 1399 },
  { tld: 'app', weight: 3, usdCents: 1599 },
  { tld: 'dev', weight: 2, usdCents: 1499 },
  { tld: 'shop', weight: 2, usdCents: 3299 },
  { tld: 'store', weight: 2, usdCents: 4499 },
  { tld: 'info', weight: 2, usdCents: 1899 },
  { tld: 'me', weight: 2, usdCents: 1799 },
  { tld: 'es', weight: 3, usdCents: 899 },
  { tld: 'de', weight: 2, usdCents: 799 },
  { tld: 'eu', weight: 1, usdCents: 999 },
  { tld: 'id', weight: 4, usdCents: 1499 },
  { tld: 'co.id', weight: 3, usdCents: 1199 },
  { tld: 'my.id', weight: 2, usdCents: 299 },
  { tld: 'web.id', weight: 1, usdCents: 599 },
];
const TLD_TABLE = TLDS.flatMap((t) => Array<TldInfo>(t.weight).fill(t));

/**
 * Fixed demo exchange rates (minor units per USD cent) so each registrar bills
 * in its own currency. Minor units follow ISO 4217 exponents everywhere in
 * DomainDeck: IDR has exponent 2, so Rp 178.587 is 17_858_700 (sen), even
 * though the UI shows rupiah without decimals.
 */
const PER_USD_CENT: Record<string, number> = { USD: 1, EUR: 0.92, IDR: 16_250 };

const NS_SETS = [
  ['ns1.dynadot.com', 'ns2.dynadot.com'],
  ['dns1.dondominio.com', 'dns2.dondominio.com'],
  ['ns1.irsfa.id', 'ns2.irsfa.id'],
  ['dana.ns.cloudflare.com', 'rick.ns.cloudflare.com'],
  ['ns1.parkingcrew.net', 'ns2.parkingcrew.net'],
  ['ns1.sedoparking.com', 'ns2.sedoparking.com'],
  ['ns1.afternic.com', 'ns2.afternic.com'],
] as const;
const FOLDERS = [null, null, null, 'For sale', 'Keep', 'Develop', 'Drop list', 'Premium'] as const;

export interface PortfolioRequest {
  registrar: string;
  account: string;
  count: number;
  currency: string;
}

export interface SandboxPortfolio {
  readonly seed: string;
  /** Generates (once, then cached) the account's domains. */
  forAccount(request: PortfolioRequest): SandboxDomain[];
}

export function createPortfolio(seed: string, now: () => number): SandboxPortfolio {
  const cache = new Map<string, SandboxDomain[]>();
  return {
    seed,
    forAccount(request) {
      const key = `${request.registrar}/${request.account}`;
      let domains = cache.get(key);
      if (!domains) {
        domains = generateDomains(createRng(`${seed}/${key}`), request, now());
        cache.set(key, domains);
      }
      return domains;
    },
  };
}

function generateDomains(rng: Rng, req: PortfolioRequest, nowMs: number): SandboxDomain[] {
  const seen = new Set<string>();
  const out: SandboxDomain[] = [];
  const rate = PER_USD_CENT[req.currency] ?? 1;
  const saltOffset = hashString(req.account) % PREFIXES.length;
  while (out.length < req.count) {
    const info = rng.pick(TLD_TABLE);
    const idn = rng.chance(0.01);
    let label = idn
      ? rng.pick(IDN_WORDS) + rng.pick(NOUNS)
      : PREFIXES[(rng.int(0, PREFIXES.length - 1) + saltOffset) % PREFIXES.length] + rng.pick(NOUNS);
    if (rng.chance(0.15) || seen.has(`${label}.${info.tld}`)) label += String(rng.int(1, 9999));
    const unicode = `${label}.${info.tld}`;
    if (seen.has(unicode)) continue;
    seen.add(unicode);
    const name = idn ? toAsciiName(unicode) : unicode;
    // Expiries spread from 60 days ago to ~5 years ahead; the past ones fall in grace/redemption/pending delete.
    const expiresAt = startOfDay(nowMs + rng.int(-60, 1800) * DAY);
    const daysPast = Math.floor((nowMs - expiresAt) / DAY);
    const status: SandboxDomainStatus =
      daysPast <= 0 ? 'active' : daysPast <= 30 ? 'grace' : daysPast <= 55 ? 'redemption' : 'pending-delete';
    const years = rng.int(1, 15);
    const premium = rng.chance(0.02);
    const usdCents = premium ? info.usdCents * rng.int(5, 40) : info.usdCents;
    out.push({
      name,
      unicode,
      tld: info.tld,
      createdAt: expiresAt - years * 365 * DAY - rng.int(0, 364) * DAY,
      expiresAt,
      status,
      autoRenew: rng.chance(0.55),
      locked: rng.chance(0.7),
      privacy: rng.pick(['full', 'full', 'partial', 'off'] as const),
      nameservers: [...rng.pick(NS_SETS)],
      folder: rng.pick(FOLDERS),
      // IDR prices are whole rupiah in practice: round to 100 sen.
      renewPriceMinor: req.currency === 'IDR' ? Math.round((usdCents * rate) / 100) * 100 : Math.round(usdCents * rate),
      currency: req.currency,
      premium,
    });
  }
  return out;
}

function startOfDay(ms: number): number {
  return ms - (ms % DAY);
}

/** IDNA ASCII form via the WHATWG URL parser (available in Node without imports). */
function toAsciiName(unicode: string): string {
  return new URL(`http://${unicode}`).hostname;
}
