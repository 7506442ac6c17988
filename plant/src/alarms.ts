/**
 * The plant's alarm code list: what the simulator publishes in `alarm_code` and what the factory's demo seed
 * registers, so andon shows 刀具断裂 rather than "alarm 2001". Pure data.
 */
import type { DeviceKind } from './plant';

/**
 * Why a machine is down, published in `alarm_code` while `state` is down. The first digit groups the cause:
 * 1 machine, 2 tooling, 3 test and measuring fixtures, 4 robots, 5 AGVs, 6 washers, 7 laser markers.
 * `precursor` is the signal that drifts in the quarter hour before the breakdown (what predictive maintenance sees).
 */
export interface AlarmReason {
  code: number;
  kind: DeviceKind;
  en: string;
  zh: string;
  precursor: 'heat' | 'vibration' | 'load' | 'none';
}

export const ALARM_REASONS: readonly AlarmReason[] = [
  { code: 1001, kind: 'cnc', en: 'Spindle overload', zh: '主轴过载', precursor: 'load' },
  { code: 1002, kind: 'cnc', en: 'Coolant low', zh: '冷却液不足', precursor: 'heat' },
  { code: 1003, kind: 'cnc', en: 'Axis servo fault', zh: '伺服轴故障', precursor: 'vibration' },
  { code: 1004, kind: 'cnc', en: 'Chip conveyor jammed', zh: '排屑器堵塞', precursor: 'none' },
  { code: 2001, kind: 'cnc', en: 'Tool broken', zh: '刀具断裂', precursor: 'vibration' },
  { code: 2002, kind: 'cnc', en: 'Tool life expired', zh: '刀具寿命到期', precursor: 'none' },
  { code: 6001, kind: 'washer', en: 'Pump pressure low', zh: '清洗泵压力低', precursor: 'none' },
  { code: 6002, kind: 'washer', en: 'Heater fault', zh: '加热器故障', precursor: 'none' },
  { code: 6003, kind: 'washer', en: 'Conveyor jammed', zh: '输送链卡滞', precursor: 'heat' },
  { code: 3001, kind: 'leak_tester', en: 'Leak test fixture fault', zh: '试漏夹具故障', precursor: 'none' },
  { code: 3002, kind: 'leak_tester', en: 'Pressure sensor drift', zh: '压力传感器漂移', precursor: 'heat' },
  { code: 3101, kind: 'cmm', en: 'Probe collision', zh: '测头碰撞', precursor: 'none' },
  { code: 3102, kind: 'cmm', en: 'Air supply low', zh: '气源压力低', precursor: 'none' },
  { code: 7001, kind: 'laser_marker', en: 'Laser source fault', zh: '激光器故障', precursor: 'heat' },
  { code: 7002, kind: 'laser_marker', en: 'Fume extractor fault', zh: '排烟装置故障', precursor: 'none' },
  { code: 4001, kind: 'robot', en: 'Gripper fault', zh: '夹爪故障', precursor: 'none' },
  { code: 4002, kind: 'robot', en: 'Collision detected', zh: '碰撞检测', precursor: 'vibration' },
  { code: 4003, kind: 'robot', en: 'Servo overheat', zh: '伺服过热', precursor: 'heat' },
  { code: 5001, kind: 'agv', en: 'Obstacle in path', zh: '路径障碍', precursor: 'none' },
  { code: 5002, kind: 'agv', en: 'Navigation lost', zh: '导航丢失', precursor: 'none' },
  { code: 5003, kind: 'agv', en: 'Drive motor overheat', zh: '驱动电机过热', precursor: 'heat' },
];
