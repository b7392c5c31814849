#!/usr/bin/env node
// The `domaindeck` command. Sources are TypeScript, loaded through tsx so the
// CLI, the web shell and the tests all run the very same files.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/shells/cli/main.ts');
process.exitCode = await main(process.argv);
