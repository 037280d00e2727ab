import { readFileSync } from 'node:fs';

/** The version in package.json: what SARIF names as the tool's version, so a scanning service can tell runs apart. */
export const KEYAUDIT_VERSION: string = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;
