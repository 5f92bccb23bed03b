// The environment, validated once at boot: a wrong value stops the process with a message
// naming the variable, instead of failing later in some request.

export interface Env {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  host: string;
  adminToken: string | null;
  corsOrigins: string[];
  /** Run the analysis worker inside the API process (default) or not (scale-out). */
  runWorker: boolean;
  logLevel: string;
  /** Serve the built console from this folder when it exists. */
  webDist: string | null;
  /** Where people reach the console; links in webhook events are built from it. */
  publicUrl: string;
  /** Refuse webhook URLs that resolve to loopback, private or link-local addresses. */
  webhookDenyPrivate: boolean;
  /** Multiplies the webhook retry delays; only tests set it below 1. */
  webhookRetryScale: number;
}

export class EnvError extends Error {}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new EnvError(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return value;
}

function parseUrl(name: string, raw: string | undefined, fallback: string, protocols: string[]): string {
  const value = raw === undefined || raw === '' ? fallback : raw;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new EnvError(`${name} must be a URL like ${fallback}, got "${value}"`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new EnvError(`${name} must use ${protocols.join(' or ')}, got "${url.protocol}"`);
  }
  return value;
}

function parseBool(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new EnvError(`${name} must be true or false, got "${raw}"`);
}

function parseScale(name: string, raw: string | undefined): number {
  if (raw === undefined || raw === '') return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    throw new EnvError(`${name} must be a number in (0, 1], got "${raw}"`);
  }
  return value;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const adminToken = source.VERDICT_ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null && adminToken.length < 16) {
    throw new EnvError('VERDICT_ADMIN_TOKEN must be at least 16 characters long');
  }
  const port = parsePort('PORT', source.PORT, 3000);
  return {
    databaseUrl: parseUrl(
      'DATABASE_URL',
      source.DATABASE_URL,
      'postgres://postgres@127.0.0.1:5432/verdict',
      ['postgres:', 'postgresql:'],
    ),
    redisUrl: parseUrl('REDIS_URL', source.REDIS_URL, 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    port,
    host: source.HOST || '0.0.0.0',
    adminToken,
    corsOrigins: (source.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    runWorker: parseBool('VERDICT_RUN_WORKER', source.VERDICT_RUN_WORKER, true),
    logLevel: source.LOG_LEVEL || 'info',
    webDist: source.VERDICT_WEB_DIST || null,
    publicUrl: parseUrl('VERDICT_PUBLIC_URL', source.VERDICT_PUBLIC_URL, `http://localhost:${port}`, [
      'http:',
      'https:',
    ]).replace(/\/+$/, ''),
    webhookDenyPrivate: parseBool('VERDICT_WEBHOOK_DENY_PRIVATE', source.VERDICT_WEBHOOK_DENY_PRIVATE, false),
    webhookRetryScale: parseScale('VERDICT_WEBHOOK_RETRY_SCALE', source.VERDICT_WEBHOOK_RETRY_SCALE),
  };
}

/** For the entry points: the environment, or a one-line message naming the bad variable and exit 1. */
export function loadEnvOrExit(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

export const ENV = Symbol('ENV');
