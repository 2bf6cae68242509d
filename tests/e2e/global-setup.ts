import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { FullConfig } from '@playwright/test';

/** Environment variables through which the tests learn where the server is and how to log in. */
export const ENV = {
  baseUrl: 'MITRA_E2E_BASE_URL',
  adminUser: 'MITRA_E2E_ADMIN_USER',
  adminPassword: 'MITRA_E2E_ADMIN_PASSWORD',
  stateFile: 'MITRA_E2E_STATE',
} as const;

const START_TIMEOUT_MS = 90_000;
const LISTENING = /Mitra listening on (https?:\/\/\S+)/;
/** `  admin      oki.admin       <password>`: role, username, password. */
const DEMO_LOGIN = /^\s+(admin|verifier|officer|treasurer|auditor)\s+(\S+)\s+(\S+)\s*$/;

interface Started {
  baseUrl: string;
  logins: Record<string, { username: string; password: string }>;
}

function fail(message: string): never {
  throw new Error(`\n\n[e2e] ${message}\n`);
}

function waitForStart(child: ChildProcess, output: string[]): Promise<Started> {
  return new Promise((resolveStart, reject) => {
    const logins: Started['logins'] = {};
    let baseUrl: string | null = null;
    let graceTimer: NodeJS.Timeout | null = null;
    const finish = () => {
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      if (baseUrl) resolveStart({ baseUrl, logins });
    };
    const timer = setTimeout(() => {
      reject(new Error(`[e2e] the server did not report "Mitra listening on ..." within ${START_TIMEOUT_MS / 1000}s. Output:\n${output.join('\n')}`));
    }, START_TIMEOUT_MS);
    const onLine = (line: string) => {
      output.push(line);
      const listening = LISTENING.exec(line);
      if (listening?.[1]) baseUrl = listening[1].replace(/\/$/, '');
      const login = DEMO_LOGIN.exec(line);
      if (login?.[1] && login[2] && login[3]) logins[login[1]] = { username: login[2], password: login[3] };
      if (baseUrl && logins.admin) finish();
      // The demo logins may be printed after the listening line, or not at all (existing database).
      else if (baseUrl && !graceTimer) graceTimer = setTimeout(finish, 3_000);
    };
    if (child.stdout) createInterface({ input: child.stdout }).on('line', onLine);
    if (child.stderr) createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`[e2e] the server exited early (code ${code}, signal ${signal}). Output:\n${output.join('\n')}`));
    });
  });
}

async function waitForReady(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${baseUrl}/readyz did not answer 200 within 30s (last: ${last})`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      done();
    });
    child.kill('SIGTERM');
  });
}

export default async function globalSetup(config: FullConfig): Promise<() => Promise<void>> {
  const configDir = config.configFile ? dirname(config.configFile) : process.cwd();
  const repo = resolve(configDir, '../..');
  const bin = process.env.MITRA_BIN ?? join(repo, 'target/debug/mitra');
  const spaDir = join(repo, 'frontend/dist');
  if (!existsSync(bin)) {
    fail(`server binary not found at ${bin}. Build it first with "cargo build -p mitra" in ${repo} (or point MITRA_BIN at a built binary).`);
  }
  if (!existsSync(join(spaDir, 'index.html'))) {
    fail(`the built SPA is missing (${spaDir}/index.html). Build it first with "cd frontend && npm run build".`);
  }
  const chromium = process.env.MITRA_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    fail(`Chromium not found at ${chromium}. Install Debian's package with "apt-get install chromium" (never "npx playwright install").`);
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'mitra-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, MITRA_SPA_DIR: spaDir };
  // The command line decides these; stray values from the shell must not.
  delete env.MITRA_BIND;
  delete env.MITRA_DATA_DIR;
  const child = spawn(bin, ['serve', '--bind', '127.0.0.1:0', '--data-dir', dataDir], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(join(dataDir, 'server.log'));
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  const output: string[] = [];
  let started: Started;
  try {
    started = await waitForStart(child, output);
    await waitForReady(started.baseUrl);
  } catch (error) {
    await stop(child);
    throw error;
  }

  const admin = started.logins.admin ?? {
    username: process.env[ENV.adminUser] ?? 'oki.admin',
    password: process.env[ENV.adminPassword] ?? '',
  };
  if (!admin.password) {
    await stop(child);
    fail(
      `the server printed no demo admin login (expected a line like "  admin      oki.admin       <password>"); ` +
        `with an existing database set ${ENV.adminPassword}. Output:\n${output.join('\n')}`,
    );
  }

  const stateFile = join(dataDir, 'e2e.json');
  writeFileSync(stateFile, JSON.stringify({ baseUrl: started.baseUrl, logins: started.logins, admin }, null, 2));
  process.env[ENV.baseUrl] = started.baseUrl;
  process.env[ENV.adminUser] = admin.username;
  process.env[ENV.adminPassword] = admin.password;
  process.env[ENV.stateFile] = stateFile;
  console.log(`[e2e] Mitra at ${started.baseUrl} (data in ${dataDir})`);

  return async () => {
    await stop(child);
    log.end();
    if (!process.env.MITRA_E2E_KEEP) rmSync(dataDir, { recursive: true, force: true });
  };
}
