// Test harness: starts the real server on a free port with a fresh SQLite file, launches Debian's
// Chromium through playwright-core, and cleans both up. Paths come from `cargo xtask test`.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the e2e suite through \`cargo xtask test\``);
  return value;
}

export function tempDir(prefix) {
  return mkdtempSync(join(tmpdir(), `mentora-${prefix}-`));
}

/**
 * Starts `mentora-server serve` on 127.0.0.1 (a free port unless `port` is given, e.g. to restart
 * a stopped server where the pages expect it), with `args` added to `serve`'s; resolves once it
 * prints its address.
 */
export async function startServer({ siteDir = env('MENTORA_SITE_DIR'), dataDir = tempDir('data'), port = 0, args = [] } = {}) {
  const child = spawn(
    env('MENTORA_SERVER_BIN'),
    ['serve', '--demo', '--port', String(port), '--data-dir', dataDir, '--site-dir', siteDir, ...args],
    { env: { ...process.env, RUST_LOG: 'info', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const log = [];
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${log.join('\n')}`)), 20000);
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        log.push(line);
        const match = line.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code }) => reject(new Error(`server exited (${code}):\n${log.join('\n')}`)));
  });
  return {
    url,
    log,
    dataDir,
    /**
     * Request lines ("GET /path 200 3ms 1234B") logged since `mark`; `bytes` is the body's size
     * as sent (compressed), or null when the server streamed it without knowing it.
     */
    requestsSince(mark) {
      return log.slice(mark).map((line) => line.match(/(GET|POST|PUT|DELETE|HEAD) (\S+) (\d{3}) \d+ms (\d+|\?)B/)).filter(Boolean)
        .map(([, method, path, status, bytes]) => ({ method, path, status: Number(status), bytes: bytes === '?' ? null : Number(bytes) }));
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A fresh browser profile (its own IndexedDB, caches and service workers). */
export async function launchBrowser({ viewport = { width: 800, height: 1280 } } = {}) {
  const profile = tempDir('profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.MENTORA_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
  });
  const errors = [];
  context.on('weberror', (err) => errors.push(String(err.error())));
  return {
    context,
    errors,
    async page() {
      const page = context.pages()[0] ?? (await context.newPage());
      page.on('console', (msg) => { if (msg.type() === 'error') errors.push(msg.text()); });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until a service worker controls `page` (installing and claiming on first visit). */
export async function waitForServiceWorker(page) {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30000 });
}

/** Waits for the app to have mounted (the header renders once the wasm runs). */
export async function waitForApp(page) {
  await page.locator('[data-testid="sync-badge"]').waitFor({ timeout: 30000 });
}

export function runXtask(args) {
  return execFileSync(env('MENTORA_XTASK_BIN'), args, { encoding: 'utf8' });
}

/** Evaluates `predicate(arg)` (may be async) in the page every 200 ms until it returns true. */
export async function pollUntil(page, predicate, { timeout = 30000, what = 'condition', arg } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await page.evaluate(predicate, arg)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Opens `url` in `browser`, waits for the app and for the service worker to control the page. */
export async function installApp(browser, url) {
  const page = await browser.page();
  await page.goto(url);
  await waitForApp(page);
  await waitForServiceWorker(page);
  return page;
}
