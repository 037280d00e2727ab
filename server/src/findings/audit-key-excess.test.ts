import { describe, expect, it } from 'vitest';
import { auditKeyExcess } from './audit-key-excess.ts';
import { grant, makeKey } from './make-test-key.ts';

describe(auditKeyExcess.name, () => {
  it('names what a key about to be added can do beyond an audit, as the audit-key-too-powerful finding would', () => {
    const excess = auditKeyExcess(makeKey({ isCallingKey: false, capabilities: [grant('read'), grant('withdraw')] }));
    expect(excess?.why).toMatch(/can do more than an audit needs/);
    expect(excess?.fix).toMatch(/read-only key/);
  });

  it('is null for a key with only what an audit needs', () => {
    expect(auditKeyExcess(makeKey({ capabilities: [grant('read')] }))).toBeNull();
  });
});
