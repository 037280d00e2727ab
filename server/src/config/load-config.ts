import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from '../logging/logger.ts';

const envSchema = z.object({
  /** Port on 127.0.0.1. */
  KEYAUDIT_PORT: z.coerce.number().int().min(0).max(65535).default(7420),
  /** Data directory: vault, action log, policy. */
  KEYAUDIT_HOME: z.string().min(1).default(path.join(os.homedir(), '.config', 'keyaudit')),
  KEYAUDIT_LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Simulated latency per exchange request in demo mode, to feel like a real exchange. */
  KEYAUDIT_DEMO_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  /** The built-in simulators' rate limits: each exchange's documented ones, or relaxed for test suites. */
  KEYAUDIT_SIMULATOR_RATE_LIMITS: z.enum(['documented', 'relaxed']).default('documented'),
  /** Port of the built-in simulators in demo mode; 0 picks a free one. */
  KEYAUDIT_DEMO_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(0),
});

export type Config = {
  port: number;
  dataDir: string;
  logLevel: z.infer<typeof envSchema>['KEYAUDIT_LOG_LEVEL'];
  demoLatencyMs: number;
  simulatorRateLimits: 'documented' | 'relaxed';
  demoSimulatorPort: number;
  /** --demo: run on the built-in simulators even when a vault exists. */
  forceDemo: boolean;
  /** --open: open the browser on the launch link. */
  openBrowser: boolean;
};

/** Validates the environment and arguments once, failing with every problem listed. */
export function loadConfig(env: NodeJS.ProcessEnv, argv: string[]): Config {
  const unknownArgs = argv.filter((arg) => !['--demo', '--open'].includes(arg));
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)),
    ...unknownArgs.map((arg) => `unknown argument ${arg} (accepted: --demo, --open)`),
  ];
  if (!parsed.success || problems.length > 0) throw new Error(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return {
    port: parsed.data.KEYAUDIT_PORT,
    dataDir: path.resolve(parsed.data.KEYAUDIT_HOME),
    logLevel: parsed.data.KEYAUDIT_LOG_LEVEL,
    demoLatencyMs: parsed.data.KEYAUDIT_DEMO_LATENCY_MS,
    simulatorRateLimits: parsed.data.KEYAUDIT_SIMULATOR_RATE_LIMITS,
    demoSimulatorPort: parsed.data.KEYAUDIT_DEMO_SIMULATOR_PORT,
    forceDemo: argv.includes('--demo'),
    openBrowser: argv.includes('--open'),
  };
}
