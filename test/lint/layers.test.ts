import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The import rules of ARCHITECTURE.md are only worth something if they fire: lint a forbidden import
 * placed in each layer and expect the rule to name it.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function violations(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer import rules', () => {
  it.each([
    ['src/core/cases/x.ts', "import { app } from 'electron';"],
    ['src/core/cases/x.ts', "import React from 'react';"],
    ['src/core/cases/x.ts', "import { x } from '../../renderer/app/App';"],
    ['src/renderer/features/x.ts', "import fs from 'node:fs';"],
    ['src/renderer/features/x.ts', "import path from 'path';"],
    ['src/renderer/features/x.ts', "import { createCore } from '../../core/createCore';"],
    ['src/renderer/features/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src/contract/x.ts', "import fs from 'node:fs';"],
    ['src/contract/x.ts', "import { Vault } from '../core/vault/vault';"],
    ['src/preload/x.ts', "import { createCore } from '../core/createCore';"],
    ['src/main/x.ts', "import { Vault } from '../core/vault/vault';"],
    ['src/cli/x.ts', "import { app } from 'electron';"],
    ['src/web/x.ts', "import { openDatabase } from '../core/store/db';"],
  ])('%s may not: %s', async (file, code) => {
    expect(await violations(file, code)).toHaveLength(1);
  });

  it.each([
    ['src/core/cases/x.ts', "import fs from 'node:fs'; import { z } from 'zod'; import type { CaseDto } from '../../contract';"],
    ['src/renderer/features/x.ts', "import { Button } from 'antd'; import { unwrap } from '../../contract';"],
    ['src/main/x.ts', "import { app } from 'electron'; import { createCore } from '../core/createCore';"],
    ['src/cli/x.ts', "import { createCore } from '../core/createCore'; import { defaultDataDir } from '../core/dataDir';"],
  ])('%s may: %s', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
