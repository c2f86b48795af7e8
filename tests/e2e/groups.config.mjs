// Playwright e2e of one MLflow for many groups (tests/e2e/groups/): the
// release build behind the shipped nginx config, onto MLflow with workspaces
// and its basic-auth app. scripts/e2e-groups.sh starts them and sets the
// URLs; the browser and its settings are the main suite's.
import { defineConfig } from '@playwright/test';
import main from './playwright.config.mjs';

export default defineConfig({
  ...main,
  testDir: './groups',
  testIgnore: [],
});
