import { readFile } from 'node:fs/promises';
import { UserFacingError } from '../errors/user-facing-error.ts';
import { KNOWN_RULE_IDS_LINE, defaultPolicy, listPolicyProblems, policySchema, type Policy } from './policy.ts';

/**
 * policy.json exists but cannot be used. `problems` has one "path: message" line per problem;
 * the terminal shows them under the file's name (`localDetail`), an API answer only the sentence.
 */
export class PolicyError extends UserFacingError {
  readonly filePath: string;
  readonly problems: readonly string[];

  constructor(filePath: string, problems: readonly string[], footer?: string) {
    const lines = [`The policy file ${filePath} is not valid:`, ...problems.map((problem) => `  - ${problem}`)];
    if (footer) lines.push(footer);
    super('invalid-policy', 'The policy file (policy.json) is not valid; keyaudit does not guess what was meant. Fix it, or delete it to use the defaults.', {
      localDetail: lines.join('\n'),
    });
    this.name = 'PolicyError';
    this.filePath = filePath;
    this.problems = problems;
  }
}

/** Validates an already-parsed policy value; `source` names it in the error. */
export function parsePolicy(value: unknown, source: string): Policy {
  const result = policySchema.safeParse(value);
  if (result.success) return result.data;
  const problems = listPolicyProblems(result.error.issues);
  const mentionsRuleIds = problems.some((problem) => problem.includes('unknown rule id'));
  throw new PolicyError(source, problems, mentionsRuleIds ? KNOWN_RULE_IDS_LINE : undefined);
}

/**
 * Reads policy.json. A missing file means "use the defaults"; a file that is present but
 * malformed is an error, never a silent fallback, because a fallback would quietly undo the
 * user's disabled rules, overrides and acceptances (or re-enable ones they meant to switch off).
 */
export async function loadPolicy(filePath: string): Promise<Policy> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return defaultPolicy;
    throw new PolicyError(filePath, [`cannot be read: ${(error as Error).message}`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PolicyError(filePath, [`(top level): not valid JSON: ${(error as Error).message}`]);
  }
  return parsePolicy(value, filePath);
}
