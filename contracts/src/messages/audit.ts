import { factoryAudit } from './audit.factory';
import { identityAudit } from './audit.identity';
import { laborAudit } from './audit.labor';
import { talentAudit } from './audit.talent';
import { parkAudit } from './audit.park';
import { tradeAudit } from './audit.trade';

/** The same keys as a label tree, every leaf a string: an English tree must match its Chinese original. */
export type Labels<T> = { [K in keyof T]: T[K] extends string ? string : Labels<T[K]> };

type Tree = { [key: string]: string | Tree };

/** Every module's labels; the labour and factory actions sit under their module's prefix, as their codes do. */
const TREES = {
  zh: {
    actions: {
      ...identityAudit.zh.actions,
      factory: factoryAudit.zh.actions,
      labor: laborAudit.zh.actions,
      talent: talentAudit.zh.actions,
      park: parkAudit.zh.actions,
      trade: tradeAudit.zh.actions,
    } as Tree,
    entities: {
      ...identityAudit.zh.entities,
      ...factoryAudit.zh.entities,
      ...laborAudit.zh.entities,
      ...talentAudit.zh.entities,
      ...parkAudit.zh.entities,
      ...tradeAudit.zh.entities,
    } as Tree,
  },
  en: {
    actions: {
      ...identityAudit.en.actions,
      factory: factoryAudit.en.actions,
      labor: laborAudit.en.actions,
      talent: talentAudit.en.actions,
      park: parkAudit.en.actions,
      trade: tradeAudit.en.actions,
    } as Tree,
    entities: {
      ...identityAudit.en.entities,
      ...factoryAudit.en.entities,
      ...laborAudit.en.entities,
      ...talentAudit.en.entities,
      ...parkAudit.en.entities,
      ...tradeAudit.en.entities,
    } as Tree,
  },
};

const leaf = (tree: Tree, path: string[]): string | null => {
  let node: string | Tree | undefined = tree;
  for (const k of path) node = typeof node === 'object' ? node[k] : undefined;
  return typeof node === 'string' ? node : null;
};

/** An audit action (`labor.referral.hired`) in words, or the code itself when no module labels it. */
export const auditActionLabel = (lang: 'zh' | 'en', action: string) => leaf(TREES[lang].actions, action.split('.')) ?? action;

/** An audited record's kind (`labor_worker`) in words, or the code itself. */
export const auditEntityLabel = (lang: 'zh' | 'en', entity: string) => leaf(TREES[lang].entities, [entity]) ?? entity;

export { factoryAudit, identityAudit, laborAudit, parkAudit, talentAudit, tradeAudit };
