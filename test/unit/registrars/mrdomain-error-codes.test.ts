import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RegistrarErrorKind } from '../../../src-main/registrars/errors.js';
import { errorCodeEntry, MRDOMAIN_ERROR_CODES } from '../../../src-main/registrars/mrdomain/error-codes.js';

/** Seed 002 §10.1.1, copied verbatim (code 0 "Success" is the envelope's success, not an error). */
const SEED_TABLE: [number, string][] = [
  [1, 'Undefined error'],
  [100, 'Syntax error'],
  [101, 'Syntax error: parameter fault'],
  [102, 'Invalid object/action'],
  [103, 'Not allowed object/action'],
  [104, 'Not implemented object/action'],
  [105, 'Syntax error: invalid parameter'],
  [200, 'Login required'],
  [201, 'Login invalid'],
  [210, 'Session invalid'],
  [300, 'Action not allowed'],
  [1000, 'Account blocked'],
  [1001, 'Account deleted'],
  [1002, 'Account inactive'],
  [1003, 'Account not exists'],
  [1004, 'Account invalid pass'],
  [1005, 'Account invalid pass'],
  [1006, 'Account blocked'],
  [1007, 'Account filtered'],
  [1009, 'Account invalid pass'],
  [1010, 'Account blocked'],
  [1011, 'Account blocked'],
  [1012, 'Account blocked'],
  [1013, 'Account blocked'],
  [1014, 'Account filtered'],
  [1030, 'Account banned'],
  [1100, 'Insufficient balance'],
  [2001, 'Invalid domain name'],
  [2002, 'TLD not supported'],
  [2003, 'TLD in maintenance'],
  [2004, 'Domain check error'],
  [2005, 'Domain transfer not allowed'],
  [2006, 'Domain Whois not allowed'],
  [2007, 'Domain Whois error'],
  [2008, 'Domain not found'],
  [2009, 'Domain create error'],
  [2010, 'Domain create error: taken'],
  [2011, 'Domain create error: Domain premium'],
  [2012, 'Domain transfer error'],
  [2100, 'Domain renew error'],
  [2101, 'Domain renew not allowed'],
  [2102, 'Domain renew blocked'],
  [2200, 'Domain update error'],
  [2201, 'Domain update not allowed'],
  [2202, 'Domain update blocked'],
  [2210, 'Invalid operation due to the owner contact data verification status'],
  [3001, 'Contact not exists'],
  [3002, 'Contact data error'],
  [3003, 'Invalid operation due to the contact data verification'],
  [3500, 'User not exists'],
  [3501, 'User create error'],
  [3502, 'User update error'],
  [4001, 'Service not found'],
  [4002, 'Service entity not found'],
  [4003, 'Maximum amount of entities error (FTP/Mails/etc.)'],
  [4004, 'Failure to create the entity'],
  [4005, 'Failure to update the entity'],
  [4006, 'Failure to delete the entity'],
  [4007, 'Failure to create the service'],
  [4008, 'Failure to upgrade the service'],
  [4009, 'Failure to renew the service'],
  [4010, 'Failure to motify the parking system'],
  [5000, 'SSL Error'],
  [5001, 'SSL Not Found'],
  [10001, 'WebConstructor Error'],
];

const KINDS: RegistrarErrorKind[] = ['AuthFailed', 'NotAllowed', 'RateLimited', 'Banned', 'AccountBlocked', 'NotFound', 'InsufficientFunds', 'Invalid', 'Transient', 'OutcomeUnknown'];

/** The seed itself, where the workspace has it beside the repository (DESIGN.md: ../shared/seeds). */
const seedDir = join(import.meta.dirname, '../../../../shared/seeds');
const seedFile = existsSync(seedDir) ? readdirSync(seedDir).find((f) => f.startsWith('002_') && f.endsWith('.txt')) : undefined;

describe('MrDomain error codes', () => {
  it('has every code of the seed table, with the seed definition', () => {
    for (const [code, definition] of SEED_TABLE) {
      expect(MRDOMAIN_ERROR_CODES[code], `code ${code}`).toBeDefined();
      expect(MRDOMAIN_ERROR_CODES[code]!.seed).toBe(definition);
    }
    expect(Object.keys(MRDOMAIN_ERROR_CODES).map(Number).sort((a, b) => a - b)).toEqual(SEED_TABLE.map(([c]) => c));
  });

  it.skipIf(!seedFile)('the copied table matches the seed document', () => {
    const text = readFileSync(join(seedDir, seedFile!), 'utf8');
    const section = text.slice(text.indexOf('10.1.1 Error codes'), text.indexOf('10.1.2 Country codes'));
    const rows = [...section.matchAll(/^\s*(\d+) (.+?)\s*$/gm)].map((m) => [Number(m[1]), m[2]] as [number, string]).filter(([c]) => c !== 0);
    expect(rows).toEqual(SEED_TABLE);
  });

  it('maps every code to a normalized kind with an investor-readable sentence', () => {
    for (const [code, entry] of Object.entries(MRDOMAIN_ERROR_CODES)) {
      expect(KINDS, `code ${code}`).toContain(entry.kind);
      if (entry.writeKind) expect(KINDS).toContain(entry.writeKind);
      expect(entry.message.length, `code ${code}`).toBeGreaterThan(20);
      expect(entry.message).toMatch(/[.)]$/);
      expect(entry.message).not.toMatch(/errorCode|undefined|\{/);
    }
  });

  it('pauses the account on every block and ban, and nowhere else', () => {
    for (const [code, entry] of Object.entries(MRDOMAIN_ERROR_CODES)) {
      const pauses = entry.kind === 'AccountBlocked' || entry.kind === 'Banned';
      expect(entry.pause !== undefined, `code ${code}`).toBe(pauses);
      if (entry.seed === 'Account blocked') expect(entry.kind).toBe('AccountBlocked');
    }
  });

  it('gives the kinds the issue asks for', () => {
    expect(MRDOMAIN_ERROR_CODES[1000]!.kind).toBe('AccountBlocked');
    expect(MRDOMAIN_ERROR_CODES[1007]!.kind).toBe('NotAllowed');
    expect(MRDOMAIN_ERROR_CODES[1007]!.message).toMatch(/public IP address/);
    expect(MRDOMAIN_ERROR_CODES[1100]!.kind).toBe('InsufficientFunds');
    expect(MRDOMAIN_ERROR_CODES[2008]!.kind).toBe('NotFound');
    expect(MRDOMAIN_ERROR_CODES[2102]!.kind).toBe('NotAllowed');
    expect(MRDOMAIN_ERROR_CODES[2202]!.kind).toBe('NotAllowed');
    expect(MRDOMAIN_ERROR_CODES[1004]!.kind).toBe('AuthFailed');
  });

  it('treats codes that say nothing about a write as OutcomeUnknown on writes', () => {
    expect(MRDOMAIN_ERROR_CODES[1]!.writeKind).toBe('OutcomeUnknown');
    expect(errorCodeEntry(987_654)).toMatchObject({ kind: 'Transient', writeKind: 'OutcomeUnknown' });
  });
});
