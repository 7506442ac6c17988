import { factoryMessages, identityMessages, laborMessages, platformMessages, validationMessages } from '@gearbridge/contracts/messages';
import { zhLabor } from './zh-CN.labor';
import { zhPlatform } from './zh-CN.platform';
import { zhIdentity } from './zh-CN.identity';
import { zhFactory } from './zh-CN.factory';

/** One module's server messages: English from contracts' catalogue, Chinese written here. */
export interface MessageCatalogue {
  en: Readonly<Record<string, string>>;
  zh: Readonly<Record<string, string>>;
}

export const platformCatalogue: MessageCatalogue = { en: { ...platformMessages, ...validationMessages }, zh: zhPlatform };

/** Every module's catalogue; messages.unit.test.ts checks each has the same keys and parameters in both languages. */
export const CATALOGUES: MessageCatalogue[] = [
  platformCatalogue,
  { en: identityMessages, zh: zhIdentity },
  { en: factoryMessages, zh: zhFactory },
  { en: laborMessages, zh: zhLabor },
];

/** The `messages` namespace of both languages. */
export function messageResources(): { en: Record<string, string>; zh: Record<string, string> } {
  return { en: Object.assign({}, ...CATALOGUES.map((c) => c.en)), zh: Object.assign({}, ...CATALOGUES.map((c) => c.zh)) };
}
