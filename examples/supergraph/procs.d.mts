/** Types of procs.mjs, for the root project's TypeScript tests that drive the example. */
import type { ChildProcess } from 'node:child_process';

export interface StartOptions { cwd?: string; env?: Record<string, string>; urlPattern: RegExp; timeoutMs?: number; echo?: boolean }
export function startChild(name: string, command: string, args: string[], options: StartOptions): Promise<{ child: ChildProcess; url: string; stderr: string[] }>;
export function runToEnd(name: string, command: string, args: string[], options?: { cwd?: string; env?: Record<string, string> }): Promise<string>;
export function stopChildren(graceMs?: number): Promise<void>;
export function graphql(url: string, query: string, headers?: Record<string, string>, variables?: Record<string, unknown>): Promise<{ status: number; data?: unknown; errors?: unknown[] }>;
