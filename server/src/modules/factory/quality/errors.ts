import { type factoryMessages, type MessageParams, renderMessage } from '@gearbridge/contracts/messages';
import { factoryMessages as catalogue } from '@gearbridge/contracts/messages';

export type QualityMessageKey = keyof typeof factoryMessages & (`factory.spc.${string}` | `factory.import.${string}` | `factory.dfq.${string}` | `factory.csv.${string}`);

/**
 * Bad input to the pure quality functions (a study too small, a file line that is not Q-DAS): a message key of the
 * factory catalogue with its parameters, and the 1-based line of the file when there is one (also in `params.line`).
 * This folder imports no platform code, so the service turns it into a 400 where it calls these functions:
 * `catch (e) { if (e instanceof QualityInputError) throw invalid(m(e.key, e.params)); throw e; }`.
 */
export class QualityInputError extends Error {
  readonly key: QualityMessageKey;
  readonly params: MessageParams;
  readonly line: number | null;

  constructor(key: QualityMessageKey, params: MessageParams = {}) {
    super(renderMessage(catalogue[key], params));
    this.name = 'QualityInputError';
    this.key = key;
    this.params = params;
    this.line = typeof params.line === 'number' ? params.line : null;
  }
}

export const qualityError = (key: QualityMessageKey, params?: MessageParams) => new QualityInputError(key, params);
