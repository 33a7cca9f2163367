/**
 * Logger and console: captured on the execution (run.logs), printed only when the emulator is asked
 * to (`printLogs: true`), so test output stays quiet.
 */
import { format } from 'node:util';
import type { LogLevel, ServiceContext } from './context';
import { hostObject } from './host-object';

class LoggerImpl {
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  /** Logger.log(data) or Logger.log(format, ...values) with %s placeholders. */
  log(data: unknown, ...values: unknown[]): this {
    const message = values.length ? format(String(data), ...values) : text(data);
    this.#ctx.logs.push({ source: 'Logger', level: 'info', message });
    return this;
  }
  getLog(): string {
    return this.#ctx.logs
      .filter((entry) => entry.source === 'Logger')
      .map((entry) => `${entry.message}\n`)
      .join('');
  }
  clear(): void {
    const kept = this.#ctx.logs.filter((entry) => entry.source !== 'Logger');
    this.#ctx.logs.splice(0, this.#ctx.logs.length, ...kept);
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : format('%O', value);
}

class ConsoleImpl {
  readonly #ctx: ServiceContext;
  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }
  #write(level: LogLevel, args: unknown[]): void {
    const [first, ...rest] = args;
    const message = typeof first === 'string' ? format(first, ...rest) : args.map(text).join(' ');
    this.#ctx.logs.push({ source: 'console', level, message });
  }
  log(...args: unknown[]): void {
    this.#write('log', args);
  }
  info(...args: unknown[]): void {
    this.#write('info', args);
  }
  warn(...args: unknown[]): void {
    this.#write('warn', args);
  }
  error(...args: unknown[]): void {
    this.#write('error', args);
  }
}

export function createLogger(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'Logger', new LoggerImpl(ctx));
}
export function createConsole(ctx: ServiceContext): unknown {
  return hostObject(ctx, 'console', new ConsoleImpl(ctx));
}
