/**
 * Token abilities of the reseller "Developer API" (seed 003). A `drk_` token
 * carries a subset of five abilities and every endpoint needs exactly one.
 * The API has no call that lists a token's abilities except GET /status, which
 * itself needs billing.read; so what we know comes from three places: the
 * status answer (authoritative), a 2xx on a route (granted), a 403 naming the
 * ability (missing). Anything else stays 'unknown' and the UI keeps the action
 * enabled: we never send a deliberately invalid write just to find out.
 */
export const resellerAbilities = ['billing.read', 'domains.read', 'domains.write', 'orders.read', 'orders.write'] as const;
export type ResellerAbility = (typeof resellerAbilities)[number];

export type AbilityState = 'granted' | 'missing' | 'unknown';
export type AbilitySource = 'status' | 'response' | 'forbidden' | null;

export interface AbilityEntry {
  ability: ResellerAbility;
  state: AbilityState;
  /** Where the state came from; null while unknown. */
  source: AbilitySource;
  /** What the ability lets the user do, for the accounts screen. */
  allows: string;
  /** Set when missing: the sentence the UI shows on disabled actions. */
  reason: string | null;
}

/** What each ability unlocks, phrased to finish "this token cannot …". */
const ALLOWS: Record<ResellerAbility, string> = {
  'billing.read': 'read the account status and wallet balance',
  'domains.read': 'list or search domains',
  'domains.write': 'change or push DNS records',
  'orders.read': 'list orders or follow an order until it completes',
  'orders.write': 'create orders',
};

export function isResellerAbility(value: string): value is ResellerAbility {
  return (resellerAbilities as readonly string[]).includes(value);
}

/** "this token cannot create orders (register, renew, transfer) (orders.write)" style sentence. */
export function missingAbilityReason(ability: ResellerAbility): string {
  return `this token cannot ${ALLOWS[ability]} (${ability}); add the ability to the API token in the reseller panel or use another token`;
}

/** Finds the ability named in a 403 message ("…missing the orders.write ability."). */
export function abilityFromMessage(message: string): ResellerAbility | null {
  const m = /\b(billing|domains|orders)\.(read|write)\b/.exec(message);
  return m && isResellerAbility(`${m[1]}.${m[2]}`) ? (`${m[1]}.${m[2]}` as ResellerAbility) : null;
}

export class AbilityTracker {
  private readonly states = new Map<ResellerAbility, { state: AbilityState; source: AbilitySource }>();
  private readonly listeners = new Set<() => void>();

  constructor() {
    for (const a of resellerAbilities) this.states.set(a, { state: 'unknown', source: null });
  }

  /** GET /status lists the token's abilities: the whole picture at once. */
  fromStatus(granted: readonly string[]): void {
    for (const a of resellerAbilities) this.set(a, granted.includes(a) ? 'granted' : 'missing', 'status');
  }

  /** A 2xx on a route proves its ability. */
  granted(ability: ResellerAbility): void {
    this.set(ability, 'granted', 'response');
  }

  /** A 403 naming the ability proves it is missing. */
  missing(ability: ResellerAbility): void {
    this.set(ability, 'missing', 'forbidden');
  }

  state(ability: ResellerAbility): AbilityState {
    return this.states.get(ability)?.state ?? 'unknown';
  }

  /** The reason to show on a disabled action, or null when it may be tried. */
  reasonIfMissing(ability: ResellerAbility): string | null {
    return this.state(ability) === 'missing' ? missingAbilityReason(ability) : null;
  }

  snapshot(): AbilityEntry[] {
    return resellerAbilities.map((ability) => {
      const s = this.states.get(ability) ?? { state: 'unknown' as const, source: null };
      return { ability, state: s.state, source: s.source, allows: ALLOWS[ability], reason: s.state === 'missing' ? missingAbilityReason(ability) : null };
    });
  }

  /** Called whenever a state changes, so the accounts screen can refresh the disabled actions. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(ability: ResellerAbility, state: AbilityState, source: AbilitySource): void {
    const prev = this.states.get(ability);
    // Listeners only hear about real changes (every 2xx reports its ability).
    if (prev?.state === state && prev.source === source) return;
    this.states.set(ability, { state, source });
    for (const l of this.listeners) l();
  }
}
