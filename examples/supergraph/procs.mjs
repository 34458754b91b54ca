/** Child processes for run.mjs and smoke.mjs: start, wait for the line that names the URL, stop. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const children = new Set();

/**
 * Start `command args` and resolve with the first capture of `urlPattern` on its stdout.
 * Its stdout and stderr are echoed with a `[name]` prefix (stdout only until the URL, unless `echo`);
 * `stderr` collects its stderr lines.
 */
export function startChild(name, command, args, { cwd, env, urlPattern, timeoutMs = 60_000, echo = false } = {}) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const stderr = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.push(line);
    console.error(`[${name}] ${line}`);
  });
  return new Promise((resolve, reject) => {
    let found = false;
    const timer = setTimeout(() => reject(new Error(`${name}: no URL after ${timeoutMs} ms`)), timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!found || echo) console.error(`[${name}] ${line}`);
      const match = !found && line.match(urlPattern);
      if (match) {
        found = true;
        clearTimeout(timer);
        resolve({ child, url: match[1], stderr });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (!found) reject(new Error(`${name} exited (${signal ?? code}) before printing its URL`));
    });
  });
}

/** Run a command to completion; resolves with its stdout, rejects with its exit code. */
export function runToEnd(name, command, args, { cwd, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${name} exited with ${code}\n${out}`))));
  });
}

/** SIGTERM every child still running; SIGKILL after `graceMs`. Resolves when all have exited. */
export async function stopChildren(graceMs = 5000) {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(kill);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}

export async function graphql(url, query, headers = {}, variables) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const body = await response.json();
  return { status: response.status, ...body };
}
