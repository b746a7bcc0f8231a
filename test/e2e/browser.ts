import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';

/** Debian's chromium: `npm test` installs it with apt when it is missing. */
export const CHROMIUM = '/usr/bin/chromium';

// We run as root (no sandbox); without the background-networking flags Chromium keeps calling
// out to Google's services, which this closed network refuses.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A real headless Chromium with a fresh profile. Throws (the test fails, never skips) without it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the status page test needs Debian's chromium (npm test installs it: apt-get install -y chromium)`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), 'kci-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
