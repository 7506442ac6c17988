/**
 * Quality computations of the factory module, pure (no I/O): what its services call. See docs/spc.md.
 *
 *   const limits = studyLimits({ kind: 'xbar_r', subgroups });      // phase I → store `limits` (frozen)
 *   const chart = chartWindow(limits, { kind: 'xbar_r', subgroups: recent }, characteristic.rules);
 *   const cap = capability(values, { lsl, usl }, withinSigmaOf(limits));
 *   const file = parseDfq(bytes);  writeDfq(file);  parseMeasurementCsv(text);
 *
 * Bad input throws `QualityInputError` (key, params, line): `invalid(m(e.key, e.params))` in the service.
 */
export { capability, capabilityIndices, histogram, MAX_BINS, type SpecLimits, type WithinSigma, withinSigmaOf } from './capability';
export { CHART_CONSTANTS, type ChartConstants, constantsFor, MAX_SUBGROUP, MIN_SUBGROUP } from './constants';
export { CSV_LIMITS, type CsvMeasurement, parseMeasurementCsv } from './csv';
export { DFQ_LIMITS, type DfqCharacteristic, type DfqFile, type DfqPart, type DfqValue, decodeDfq, parseDfq, writeDfq } from './dfq';
export { QualityInputError, type QualityMessageKey } from './errors';
export { checkRules, zScore } from './rules';
export {
  type AttributeSample,
  type ChartOptions,
  chartWindow,
  imrLimits,
  MAX_POINTS,
  MIN_STUDY_SUBGROUPS,
  pLimits,
  type SpcData,
  sampleSd,
  studyLimits,
  uLimits,
  xbarRLimits,
  xbarSLimits,
} from './spc';
