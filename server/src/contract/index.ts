export * from './exchange-id.ts';
export * from './capability.ts';
export * from './exchange-error-kind.ts';
export * from './audited-key.ts';
export * from './finding.ts';
export * from './audit-run.ts';
export * from './api.ts';
export * from './audit-report.ts';
