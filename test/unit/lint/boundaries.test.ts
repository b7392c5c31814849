import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** The layer rule is only worth having if it fires: lint snippets as if they lived in each folder. */
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries', () => {
  it('keeps src-shared free of node, electron and react', async () => {
    expect(await violations('src-shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n")).toHaveLength(1);
    expect(await violations('src-shared/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await violations('src-shared/x.ts', "import { useState } from 'react';\nexport const a = useState;\n")).toHaveLength(1);
  });

  it('keeps the renderer away from src-main', async () => {
    expect(await violations('src-renderer/x.ts', "import { openApp } from '../src-main/app/open-app.js';\nexport const a = openApp;\n")).toHaveLength(1);
  });

  it("lets only the Electron shell import 'electron'", async () => {
    expect(await violations('src-main/services/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await violations('src-main/shells/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(0);
  });

  it('stops lower layers importing services', async () => {
    expect(await violations('src-main/db/x.ts', "import { createAppService } from '../services/app-service.js';\nexport const a = createAppService;\n")).toHaveLength(1);
  });
});
