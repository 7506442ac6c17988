import { platformMessages, validationMessages } from '@gearbridge/contracts/messages';
import { zhPlatform } from './zh-CN.platform';

/**
 * One module's server messages: English from its catalogue in contracts (contracts/src/messages/<module>.ts), Chinese
 * written beside the feature that shows them (`features/<name>/i18n/messages.zh-CN.ts`), registered through the
 * feature's manifest.
 */
export interface MessageCatalogue {
  en: Readonly<Record<string, string>>;
  zh: Readonly<Record<string, string>>;
}

/** The platform's own messages and field validation's: every feature may meet them. */
export const platformCatalogue: MessageCatalogue = { en: { ...platformMessages, ...validationMessages }, zh: zhPlatform };
