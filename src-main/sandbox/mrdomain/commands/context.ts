import type { ActionResult } from '../envelope.js';
import type { Params } from '../params.js';
import type { BlockCause } from '../rules.js';
import type { AccountState, MrDomainState } from '../state.js';

/** Everything an action handler may use; the account has passed login, block, IP and concurrency checks. */
export interface ActionContext {
  state: MrDomainState;
  account: AccountState;
  p: Params;
  now: number;
  /** Caller's address as the API reports it (tool/hello, account/info, domain history). */
  ip: string;
  /** Counts one availability check; throws BlockNow when the account is mass-checking. */
  countCheck(): void;
  sslIssueMs: number;
}

export type ActionHandler = (c: ActionContext) => ActionResult;

/** Thrown by a handler when the call itself breaks a usage rule: the account is blocked and this call gets the block error. */
export class BlockNow extends Error {
  constructor(readonly blockCause: BlockCause) {
    super(blockCause);
  }
}
