/**
 * Simulated time. Simulators read `now()` instead of Date.now() so tests can
 * move time forward (auction ends, expiries, bans) through POST /__sandbox/clock.
 */
export interface SandboxClock {
  now(): number;
  advance(ms: number): void;
  set(epochMs: number): void;
  offsetMs(): number;
}

export function createSandboxClock(base: () => number = Date.now): SandboxClock {
  let offset = 0;
  return {
    now: () => base() + offset,
    advance: (ms) => {
      offset += ms;
    },
    set: (epochMs) => {
      offset = epochMs - base();
    },
    offsetMs: () => offset,
  };
}
