import { accountCommands } from './account.js';
import { auctionCommands } from './auctions.js';
import { backorderAuctionCommands } from './backorder-auctions.js';
import { backorderCommands } from './backorders.js';
import { dnsCommands } from './dns.js';
import { domainCommands } from './domains.js';
import { orderCommands } from './orders.js';
import type { CommandTable } from './types.js';

/** Every API3 command this simulator answers, by its `command=` name. */
export const COMMANDS: CommandTable = {
  ...orderCommands,
  ...domainCommands,
  ...dnsCommands,
  ...accountCommands,
  ...auctionCommands,
  ...backorderAuctionCommands,
  ...backorderCommands,
};
