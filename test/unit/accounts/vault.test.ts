import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract.js';
import { createPassphraseVault, VAULT_FILE } from '../../../src-main/vault/passphrase-vault.js';
import { createSealedFileVault, type StringCipher } from '../../../src-main/vault/sealed-file-vault.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'dd-vault-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const pass = (p: string | null) => async () => p;

async function errorKey(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).extra.messageKey;
  }
  return undefined;
}

describe('passphrase vault', () => {
  it('round-trips secrets and never writes them in clear', async () => {
    const v = createPassphraseVault(dir, pass('correct horse'));
    await v.put('account:1', { key: 'SuperSecretDynadotKey123' });
    expect(await v.get('account:1')).toEqual({ key: 'SuperSecretDynadotKey123' });
    expect(readFileSync(join(dir, VAULT_FILE), 'utf8')).not.toContain('SuperSecretDynadotKey123');
    const again = createPassphraseVault(dir, pass('correct horse'));
    expect(await again.get('account:1')).toEqual({ key: 'SuperSecretDynadotKey123' });
    expect(await again.list()).toEqual(['account:1']);
  });

  it('a wrong passphrase is one clear error with its own key, and nothing is overwritten', async () => {
    await createPassphraseVault(dir, pass('right')).put('a', { key: 'value-123456' });
    const before = readFileSync(join(dir, VAULT_FILE), 'utf8');
    const wrong = createPassphraseVault(dir, pass('wrong'));
    expect(await errorKey(wrong.get('a'))).toBe('vault.wrongPassphrase');
    expect(await errorKey(wrong.put('b', { key: 'x' }))).toBe('vault.wrongPassphrase');
    expect(readFileSync(join(dir, VAULT_FILE), 'utf8')).toBe(before);
    expect((await wrong.status()).ok).toBe(false);
  });

  it('without a passphrase it is locked', async () => {
    expect(await errorKey(createPassphraseVault(dir, pass(null)).list())).toBe('vault.locked');
  });

  it('rejects tampered ciphertext and entries moved under another id', async () => {
    const v = createPassphraseVault(dir, pass('pw'));
    await v.put('a', { key: 'aaaaaaaaaaaa' });
    await v.put('b', { key: 'bbbbbbbbbbbb' });
    const file = JSON.parse(readFileSync(join(dir, VAULT_FILE), 'utf8'));
    const ct = Buffer.from(file.entries.a.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    file.entries.a.ct = ct.toString('base64');
    file.entries.c = file.entries.b;
    writeFileSync(join(dir, VAULT_FILE), JSON.stringify(file));
    const fresh = createPassphraseVault(dir, pass('pw'));
    expect(await errorKey(fresh.get('a'))).toBe('vault.entryDamaged');
    expect(await errorKey(fresh.get('c'))).toBe('vault.entryDamaged');
    expect(await fresh.get('b')).toEqual({ key: 'bbbbbbbbbbbb' });
  });

  it('a damaged file is refused and left untouched', async () => {
    writeFileSync(join(dir, VAULT_FILE), '{"not":"a vault"}');
    expect(await errorKey(createPassphraseVault(dir, pass('pw')).put('a', { key: 'x' }))).toBe('vault.damaged');
    expect(readFileSync(join(dir, VAULT_FILE), 'utf8')).toBe('{"not":"a vault"}');
  });

  it('two processes sharing a data dir keep each other’s entries', async () => {
    const gui = createPassphraseVault(dir, pass('pw'));
    await gui.put('a', { key: 'from-gui-1234' });
    const cli = createPassphraseVault(dir, pass('pw'));
    await cli.put('b', { key: 'from-cli-1234' });
    await gui.put('c', { key: 'from-gui-5678' });
    expect((await cli.list()).sort()).toEqual(['a', 'b', 'c']);
    expect(await gui.get('b')).toEqual({ key: 'from-cli-1234' });
    await cli.delete('a');
    expect(await gui.get('a')).toBeNull();
  });
});

/** A reversible fake of Electron's safeStorage: enough to test the file format. */
function fakeCipher(available = true): StringCipher & { sealed: string[] } {
  const sealed: string[] = [];
  return {
    sealed,
    available: () => (available ? { ok: true } : { ok: false, reason: 'no keyring' }),
    encrypt: (s) => {
      const b = Buffer.from(Buffer.from(s, 'utf8').map((x) => x ^ 0x5a));
      sealed.push(b.toString('base64'));
      return b;
    },
    decrypt: (b) => {
      const out = Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8');
      if (!out.startsWith('{')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return out;
    },
  };
}

describe('sealed-file vault (safeStorage format)', () => {
  it('round-trips through the cipher and keeps secrets out of the file', async () => {
    const path = join(dir, 'vault-safestorage.json');
    const v = createSealedFileVault({ path, cipher: fakeCipher() });
    expect(v.kind).toBe('safeStorage');
    await v.put('account:1', { apiuser: 'user-abcdef', apipasswd: 'pass-abcdef' });
    expect(await v.get('account:1')).toEqual({ apiuser: 'user-abcdef', apipasswd: 'pass-abcdef' });
    expect(readFileSync(path, 'utf8')).not.toContain('pass-abcdef');
    expect(await createSealedFileVault({ path, cipher: fakeCipher() }).list()).toEqual(['account:1']);
    await v.delete('account:1');
    expect(await v.get('account:1')).toBeNull();
  });

  it('refuses an entry moved under another id and undecryptable entries', async () => {
    const path = join(dir, 'v.json');
    const v = createSealedFileVault({ path, cipher: fakeCipher() });
    await v.put('a', { key: 'aaaaaaaa' });
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.entries.b = file.entries.a;
    file.entries.c = Buffer.from('garbage').toString('base64');
    writeFileSync(path, JSON.stringify(file));
    expect(await errorKey(v.get('b'))).toBe('vault.entryDamaged');
    expect(await errorKey(v.get('c'))).toBe('vault.entryDamaged');
  });

  it('reports an unavailable keyring instead of storing weakly protected secrets', async () => {
    const v = createSealedFileVault({ path: join(dir, 'v.json'), cipher: fakeCipher(false) });
    expect(await errorKey(v.put('a', { key: 'x' }))).toBe('vault.unavailable');
    expect(await v.status()).toMatchObject({ ok: false });
  });

  it('refuses a damaged file', async () => {
    const path = join(dir, 'v.json');
    writeFileSync(path, 'not json');
    expect(await errorKey(createSealedFileVault({ path, cipher: fakeCipher() }).get('a'))).toBe('vault.damaged');
  });
});
