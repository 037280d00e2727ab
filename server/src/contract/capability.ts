import { z } from 'zod';

/** One vocabulary across exchanges; docs/exchanges/<exchange>.md#permissions maps each exchange's words onto it. */
export const CAPABILITIES = [
  'read',
  'trade-spot',
  'trade-margin',
  'trade-futures',
  'trade-options',
  'transfer-internal',
  'transfer-external',
  'withdraw',
  'manage-subaccounts',
  'earn',
  'other',
] as const;
export const capabilitySchema = z.enum(CAPABILITIES);
export type Capability = z.infer<typeof capabilitySchema>;

export const grantedCapabilitySchema = z.object({
  capability: capabilitySchema,
  /** The raw permission word this capability was derived from. */
  from: z.string(),
  /** True when the mapping from the raw word is an inference the exchange does not document. */
  isUncertain: z.boolean(),
});
export type GrantedCapability = z.infer<typeof grantedCapabilitySchema>;
