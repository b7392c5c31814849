/**
 * Actions the seed documents that this sandbox does not simulate (hosting,
 * mail, registration/transfer, external users, DNS tools). They answer 104
 * "Not implemented object/action" rather than 102, so a client developer can
 * tell "real but not simulated" from "does not exist".
 */
const families = (verbs: string[], nouns: string[]): string[] => nouns.flatMap((n) => verbs.map((v) => `service/${n}${v}`));

export const UNSIMULATED_ACTIONS = new Set<string>([
  'tool/domainsuggests',
  'tool/gettable',
  'tool/dig',
  'tool/zonecheck',
  'domain/create',
  'domain/transfer',
  'domain/transferrestart',
  'service/create',
  'service/renew',
  'service/upgrade',
  'service/update',
  'service/parkinggetinfo',
  'service/parkingupdate',
  'service/webconstructorlogin',
  ...families(['list', 'getinfo', 'create', 'update', 'delete'], ['ftp', 'ddbb', 'subdomain', 'redirect', 'mail', 'mailalias']),
  'user/create',
  'user/list',
  'user/getinfo',
  'user/updatestatus',
  'user/updatepassword',
  'user/adddomain',
  'user/updatedomain',
  'user/deletedomain',
  'user/delete',
]);
