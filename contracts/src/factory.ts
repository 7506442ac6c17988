import { z } from 'zod';
import { pageOf, PageQuery, text } from './common';

export const DeviceKind = z.enum(['cnc', 'washer', 'leak_tester', 'cmm', 'laser_marker', 'robot', 'agv', 'other']);
export type DeviceKind = z.infer<typeof DeviceKind>;

export const FactoryLine = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  siteName: z.string(),
  areaName: z.string(),
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  product: z.string().nullable(),
  deviceCount: z.number().int(),
  onlineCount: z.number().int(),
});
export type FactoryLine = z.infer<typeof FactoryLine>;

export const FactoryDevice = z.object({
  id: z.uuid(),
  orgId: z.uuid(),
  lineId: z.uuid().nullable(),
  lineCode: z.string().nullable(),
  cellCode: z.string().nullable(),
  code: z.string(),
  kind: DeviceKind,
  nameZh: z.string(),
  nameEn: z.string(),
  idealCycleS: z.number().nullable(),
  sparkplug: z.object({ group: z.string(), node: z.string(), device: z.string() }),
  online: z.boolean(),
  lastSeenAt: z.string().nullable(),
  discovered: z.boolean(),
});
export type FactoryDevice = z.infer<typeof FactoryDevice>;
export const DeviceQuery = PageQuery.extend({
  lineId: z.uuid().optional(),
  kind: DeviceKind.optional(),
  online: z.enum(['true', 'false']).optional(),
});
export const DevicePage = pageOf(FactoryDevice);

export const LineInput = z.object({
  areaId: z.uuid(),
  code: z.string().trim().regex(/^[A-Za-z0-9_-]{1,20}$/, '1–20 letters, digits, - or _'),
  nameZh: text(50),
  nameEn: text(80),
  product: z.string().trim().max(80).nullish(),
});
export const DevicePatch = z.object({
  nameZh: text(50).optional(),
  nameEn: text(80).optional(),
  lineId: z.uuid().nullable().optional(),
  cellCode: z.string().trim().max(20).nullable().optional(),
  idealCycleS: z.number().positive().max(86_400).nullable().optional(),
});

export const MetricSeriesQuery = z.object({
  metric: z.string().trim().min(1).max(100),
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
});
export const MetricPoint = z.object({ t: z.string(), avg: z.number(), min: z.number(), max: z.number(), last: z.number() });
export const MetricSeries = z.object({ device: z.string(), metric: z.string(), unit: z.string().nullable(), points: z.array(MetricPoint) });

export const IngestStats = z.object({
  deadLetters: z.object({ total: z.number().int(), last24h: z.number().int(), byReason: z.record(z.string(), z.number().int()) }),
  devices: z.object({ total: z.number().int(), online: z.number().int(), discovered: z.number().int() }),
  lastPointAt: z.string().nullable(),
});
export const DeadLetter = z.object({ id: z.number().int(), at: z.string(), topic: z.string(), reason: z.string(), detail: z.string(), size: z.number().int() });
export const DeadLetterPage = pageOf(DeadLetter);
export const DeadLetterQuery = PageQuery.extend({ reason: z.string().max(40).optional() });
