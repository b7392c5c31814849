/**
 * Dynadot's one rule: "Only one request can be processed at a time, so please wait
 * for the current request to finish before sending another request." A request that
 * overlaps another one for the same key is rejected and the key is banned for banMs
 * (DESIGN.md: concurrent calls get the key banned for 10–15 minutes).
 */
export class SingleFlight {
  private readonly bannedUntil = new Map<string, number>();

  constructor(readonly banMs: number) {}

  /** Remaining ban end time, or null when the account is not banned at `now`. */
  bannedAt(account: string, now: number): number | null {
    const until = this.bannedUntil.get(account);
    if (until === undefined) return null;
    if (now >= until) {
      this.bannedUntil.delete(account);
      return null;
    }
    return until;
  }

  ban(account: string, now: number): number {
    const until = now + this.banMs;
    this.bannedUntil.set(account, until);
    return until;
  }

  unban(account: string): void {
    this.bannedUntil.delete(account);
  }
}

export const CONCURRENT_MESSAGE =
  'Only one request can be processed at a time. Please wait for the current request to finish before sending another request. This key is now suspended until';
export const BANNED_MESSAGE = 'This API key is suspended because more than one request was sent at a time. Try again after';
