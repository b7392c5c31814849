import type { Ctx } from '../context.js';
import type { Envelope, Reply } from '../envelope.js';

/** One API3 command: its envelope names (for errors) and what it does. */
export interface Command {
  env: Envelope;
  run(ctx: Ctx): Reply;
}

export type CommandTable = Record<string, Command>;
