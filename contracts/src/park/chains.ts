import { z } from 'zod';
import { text } from '../common';

/** Where a link sits in its chain: raw materials and parts, making, the market. */
export const ChainTier = z.enum(['upstream', 'midstream', 'downstream']);
export type ChainTier = z.infer<typeof ChainTier>;

export const ChainLink = z.object({
  id: z.uuid(),
  chainId: z.uuid(),
  name: z.string(),
  tier: ChainTier,
  enterprises: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** Projects in the pipeline that fill this link (any stage), largest first. */
  projects: z.array(z.object({ id: z.uuid(), name: z.string(), stage: z.string(), amount: z.string() })),
  /** No enterprise of the park on it: a link to fill (补链). */
  missing: z.boolean(),
});
export type ChainLink = z.infer<typeof ChainLink>;
export const Chain = z.object({ id: z.uuid(), code: z.string(), name: z.string(), links: z.array(ChainLink) });
export type Chain = z.infer<typeof Chain>;
export const ChainEdge = z.object({ from: z.uuid(), to: z.uuid(), note: z.string().nullable() });
export const ChainMap = z.object({
  chains: z.array(Chain),
  edges: z.array(ChainEdge),
  /** Links in all, with an enterprise, missing, and missing ones some project targets. */
  coverage: z.object({ links: z.number().int(), covered: z.number().int(), missing: z.number().int(), targeted: z.number().int() }),
});
export type ChainMap = z.infer<typeof ChainMap>;
export const LinkEnterpriseInput = z.object({ enterpriseId: z.uuid() });
export const LinkEnterpriseParams = z.object({ id: z.uuid(), enterpriseId: z.uuid() });

// ---- editing (park.manage) ---------------------------------------------------------------------------------------
const ChainCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, 'park.validation.chain_code');
/** A new chain of the administration (the officer's own unless `orgId` names another in scope). */
export const ChainInput = z.object({ orgId: z.uuid().optional(), code: ChainCode, name: text(60) });
export type ChainInput = z.input<typeof ChainInput>;
export const ChainPatch = z.object({ name: text(60) });
export type ChainPatch = z.infer<typeof ChainPatch>;
export const LinkInput = z.object({ name: text(60), tier: ChainTier });
export type LinkInput = z.infer<typeof LinkInput>;
export const LinkPatch = z.object({ name: text(60).optional(), tier: ChainTier.optional() });
export type LinkPatch = z.infer<typeof LinkPatch>;
/**
 * A chain's links in the order the officer wants them: every link of the chain once. The map keeps the tiers
 * upstream → midstream → downstream and orders the links within each tier by this list.
 */
export const LinkOrder = z.object({ linkIds: z.array(z.uuid()).min(1).max(500) });
export type LinkOrder = z.infer<typeof LinkOrder>;
/** Supply from one link to another, within a chain or across the administration's chains. */
export const EdgeInput = z.object({ from: z.uuid(), to: z.uuid(), note: z.string().trim().max(200).nullable().optional() });
export type EdgeInput = z.input<typeof EdgeInput>;
export const EdgeParams = z.object({ from: z.uuid(), to: z.uuid() });
