// Playwright e2e: the release build served by nginx, a real seeded MLflow
// behind it. scripts/test.sh starts both and sets BASE_URL, MLFLOW_URL and
// SEED_MANIFEST. Debian's Chromium; Playwright never downloads a browser.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.mjs$/,
  // One MLflow for many groups runs on its own server (scripts/e2e-groups.sh).
  testIgnore: ['groups/**'],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    baseURL: process.env.BASE_URL,
    headless: true,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
      ],
    },
  },
});
