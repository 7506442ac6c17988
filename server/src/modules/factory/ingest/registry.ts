import { sql } from 'kysely';
import { JSON_NODE } from '../sparkplug/host';
import { METRICS } from '@gearbridge/plant';
import type { DB } from '../db';

export interface DeviceKey {
  group: string;
  node: string;
  /** '' for metrics of the edge node itself. */
  device: string;
}
/** Units of the platform's conventional metric names (sim/src/plant.ts, docs/json-device-format.md). */
const KNOWN_UNITS = new Map(
  Object.values(METRICS)
    .flat()
    .filter((m) => m.unit)
    .map((m) => [m.name, m.unit!]),
);

const keyOf = (k: DeviceKey) => `${k.group}\u0000${k.node}\u0000${k.device}`;

/**
 * Sparkplug identities → device numbers, metric names → metric ids, cached. A device not yet in the equipment
 * model but in a known group is registered as "discovered" (someone places it on a line later); a device of an
 * unknown group has no organisation, so the ingest dead-letters it instead of guessing.
 */
/** How long a Sparkplug group's registration is trusted before it is read again. */
const GROUP_TTL_MS = 60_000;

export class Registry {
  private devices = new Map<string, number | null>();
  /** Metric ids by device number, then name (no key strings to build per point on the hot path). */
  private metrics = new Map<number, Map<string, number>>();
  private groups = new Map<string, { group: { orgId: string; siteId: string }; at: number }>();

  constructor(
    private readonly db: DB,
    private readonly groupTtlMs = GROUP_TTL_MS,
  ) {}

  /** The device number if known already: undefined means "ask deviceNum". */
  cachedDevice(k: DeviceKey): number | null | undefined {
    return this.devices.get(keyOf(k));
  }

  cachedMetric(deviceNum: number, name: string): number | undefined {
    return this.metrics.get(deviceNum)?.get(name);
  }

  /** A device's cached metric ids by name (undefined: none cached yet), for a message's points to share one look-up. */
  metricsOf(deviceNum: number): ReadonlyMap<string, number> | undefined {
    return this.metrics.get(deviceNum);
  }

  async deviceNum(k: DeviceKey): Promise<number | null> {
    const key = keyOf(k);
    const cached = this.devices.get(key);
    if (cached !== undefined) return cached;
    let row = await this.db
      .selectFrom('factory_devices')
      .select('num')
      .where('sp_group', '=', k.group)
      .where('sp_node', '=', k.node)
      .where('sp_device', '=', k.device)
      .executeTakeFirst();
    if (!row) {
      const group = await this.group(k.group);
      if (!group) return null; // not cached: the group may be registered later
      row = await this.register(k, group);
      if (!row) return null;
    }
    this.devices.set(key, row.num);
    return row.num;
  }

  /**
   * A JSON-format device (node '#json') is the registered device of the same code, if there is one: a device
   * may speak JSON instead of Sparkplug. Otherwise the device is registered as discovered, under its code or,
   * when that is taken by another device, under node/code.
   */
  private async register(k: DeviceKey, group: { orgId: string; siteId: string }) {
    const code = k.device || `${k.node} (node)`;
    if (k.node === JSON_NODE) {
      const byCode = await this.db.selectFrom('factory_devices').select('num').where('org_id', '=', group.orgId).where('code', '=', code).executeTakeFirst();
      if (byCode) return byCode;
    }
    for (const candidate of [code, `${k.node}/${code}`]) {
      await this.db
        .insertInto('factory_devices')
        .values({
          org_id: group.orgId,
          site_id: group.siteId,
          code: candidate,
          kind: 'other',
          name_zh: k.device || k.node,
          name_en: k.device || k.node,
          sp_group: k.group,
          sp_node: k.node,
          sp_device: k.device,
          discovered: true,
        })
        // Another ingest process may register the same device at the same moment, or the code may be taken.
        .onConflict((oc) => oc.doNothing())
        .execute();
      const row = await this.db
        .selectFrom('factory_devices')
        .select('num')
        .where('sp_group', '=', k.group)
        .where('sp_node', '=', k.node)
        .where('sp_device', '=', k.device)
        .executeTakeFirst();
      if (row) return row;
    }
    return undefined;
  }

  /**
   * The organisation and site a Sparkplug group is registered to. Read again after GROUP_TTL_MS, so that a group
   * remapped on the plant-model page takes effect without restarting the ingest (it is asked only when a device
   * is seen for the first time); an unknown group is asked again every time.
   */
  private async group(id: string) {
    const cached = this.groups.get(id);
    if (cached && Date.now() - cached.at < this.groupTtlMs) return cached.group;
    const g = await this.db.selectFrom('factory_sparkplug_groups').select(['org_id', 'site_id']).where('group_id', '=', id).executeTakeFirst();
    const v = g ? { orgId: g.org_id, siteId: g.site_id } : null;
    if (v) this.groups.set(id, { group: v, at: Date.now() });
    else this.groups.delete(id);
    return v;
  }

  async metricId(deviceNum: number, name: string, datatype: string): Promise<number> {
    await this.ensureMetrics([{ device: deviceNum, name, datatype }]);
    return this.cachedMetric(deviceNum, name)!;
  }

  /**
   * Registers the metrics not cached yet, in one round trip per 5,000: the first BIRTHs of a plant declare
   * thousands (180 devices × 20 metrics took 7,200 sequential queries, ~5 s, before the first batch could commit).
   */
  async ensureMetrics(items: ReadonlyArray<{ device: number; name: string; datatype: string }>): Promise<void> {
    const todo = items.filter((m) => this.cachedMetric(m.device, m.name) === undefined);
    for (let i = 0; i < todo.length; i += 5_000) {
      const part = todo.slice(i, i + 5_000);
      const devices = part.map((m) => m.device);
      const names = part.map((m) => m.name);
      await sql`insert into factory_metrics (device_num, name, datatype, unit)
        select * from unnest(${devices}::int[], ${names}::text[], ${part.map((m) => m.datatype)}::text[], ${names.map((n) => KNOWN_UNITS.get(n) ?? null)}::text[])
        on conflict do nothing`.execute(this.db);
      const rows = await sql<{ id: number; device_num: number; name: string }>`select m.id, m.device_num, m.name from factory_metrics m
        join unnest(${devices}::int[], ${names}::text[]) as v(device_num, name) on m.device_num = v.device_num and m.name = v.name`.execute(this.db);
      for (const r of rows.rows) {
        let byName = this.metrics.get(r.device_num);
        if (!byName) this.metrics.set(r.device_num, (byName = new Map()));
        byName.set(r.name, r.id);
      }
    }
  }
}
