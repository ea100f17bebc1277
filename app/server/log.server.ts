import { pino, stdTimeFunctions, type Logger } from "pino";
import { env } from "./env.server";

/**
 * One JSON line per event on stdout (pino), for an incident team to search: a request id, the
 * method, the path without its query string, the status and the duration of every request;
 * 4xx answers are one line at "warn" with no stack; only 5xx (and errors outside a request)
 * carry a stack. Never written: addresses, user agents, cookies, email addresses, query strings,
 * form fields or answers. Callers pass only the fields named here; errors go through `errorFields`,
 * which keeps the message and stack and nothing attached to the error object.
 *
 * The server (server.ts) and the Remix build each import this module; the logger is kept on
 * globalThis so both write through the same one.
 */

const globalForLog = globalThis as unknown as { __yoursayLog?: Logger };

export function log(): Logger {
  globalForLog.__yoursayLog ??= pino({
    level: env().LOG_LEVEL,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    // Never serialise whole objects that might hold personal data; only what is passed.
    serializers: {},
  });
  return globalForLog.__yoursayLog;
}

/** The parts of an error worth logging for a 5xx: its type, message and stack, nothing else. */
export function errorFields(error: unknown): { err: { type: string; message: string; stack?: string } } {
  if (error instanceof Error) return { err: { type: error.name, message: error.message, stack: error.stack } };
  return { err: { type: typeof error, message: String(error) } };
}
