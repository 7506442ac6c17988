/**
 * The Qijiang demo plant and its metric catalogue: pure data both the simulator (which speaks for these machines)
 * and the factory module (whose demo seed registers them and whose ingest knows their metrics) import. Neither
 * depends on the other through it.
 */
export * from './plant';
export { ALARM_REASONS, type AlarmReason } from './alarms';
export * from './production';
