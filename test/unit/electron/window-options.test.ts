import { describe, expect, it } from 'vitest';
import { buildWindowOptions, isTrustedSender } from '../../../src-main/shells/electron/window-options.js';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/shells/web/security.js';

describe('Electron window options', () => {
  const prefs = buildWindowOptions('/app/preload.cjs').webPreferences!;

  it('isolates the renderer', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.preload).toBe('/app/preload.cjs');
  });

  it('uses a strict CSP: nothing remote, no inline script, no eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it('trusts only the packaged renderer page', () => {
    const index = 'file:///opt/DomainDeck/dist/renderer/index.html';
    expect(isTrustedSender(index, index)).toBe(true);
    expect(isTrustedSender('https://evil.example/index.html', index)).toBe(false);
    expect(isTrustedSender('file:///tmp/other.html', index)).toBe(false);
    expect(isTrustedSender(undefined, index)).toBe(false);
  });
});
