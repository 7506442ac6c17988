/**
 * The plant simulator: a seeded model of the Qijiang plant's machines (the layout and metric catalogue are
 * @gearbridge/plant's), Sparkplug B edge nodes that speak for them over MQTT, the benchmark's load generator, and the
 * `gearbridge simulate` command.
 */
export { DeviceModel, PlantModel, type AgvRefusal, type DeviceEvent, type MachineState, type ModelOptions, type Unit } from './model';
export { BUFFER_CAPACITY, LineFlow, LineModel, type LineCounts } from './line';
export { DEFAULT_BREAKS, PROFILES, type KindProfile, type PlannedBreak } from './profiles';
export {
  EdgeNode,
  type DoneCallback,
  type EdgeDevice,
  type EdgeNodeEvent,
  type EdgeNodeOptions,
  type PublishStats,
  type Qos,
} from './edge-node';
export { previousShiftStart, Simulator, runSimulator, type HistoryOptions, type HistoryProgress, type SimulatorOptions, type SimulatorStats } from './simulator';
export { AckLog, loadDevices, runLoad, type AckRecord, type LoadOptions, type LoadResult } from './loadgen';
export { parseSimulateArgs, runSimulateCommand, SIMULATE_USAGE, UsageError, type ParsedSimulateArgs, type SimulateIo } from './cli';
export * as sparkplug from './sparkplug';
