import type { RawQuery } from '../../../platform/db';
import type { TelemetryRow } from './rows';
import type { DB } from '../db';

export type Severity = 'info' | 'warning' | 'critical';

export interface AlarmRule {
  id: string;
  orgId: string;
  deviceNum: number | null;
  deviceKind: string | null;
  metric: string;
  op: '>' | '>=' | '<' | '<=';
  threshold: number;
  severity: Severity;
  nameZh: string;
  nameEn: string;
}

export interface AlarmChange {
  kind: 'raise' | 'clear';
  device: number;
  orgId: string;
  source: 'device' | 'rule';
  /** The device's alarm code, or the rule id; '*' in a clear means every device alarm of the device. */
  code: string;
  severity: Severity;
  messageZh: string;
  messageEn: string;
  value: number | null;
  at: number;
}

const violates = (op: AlarmRule['op'], v: number, t: number) => (op === '>' ? v > t : op === '>=' ? v >= t : op === '<' ? v < t : v <= t);

interface DeviceInfo {
  orgId: string;
  kind: string;
}

/**
 * Turns telemetry into alarm changes: the `alarm_code` metric (non-zero raises that code, zero clears the device's
 * alarms) and threshold rules on any numeric metric (outside raises, back inside clears). It remembers which
 * alarms are open, so a condition that persists or stays normal costs no database work; rules, codes and open
 * alarms are reloaded every few seconds (other processes and people change them).
 */
export class AlarmDetector {
  private rules: AlarmRule[] = [];
  private codes = new Map<string, { zh: string; en: string }>();
  private open = new Set<string>();
  private devices = new Map<number, DeviceInfo>();
  private loadedAt = 0;

  constructor(
    private readonly db: DB,
    private readonly refreshMs = 5_000,
  ) {}

  async refresh(now = Date.now()): Promise<void> {
    if (now - this.loadedAt < this.refreshMs) return;
    this.loadedAt = now;
    const [rules, codes, open, devices] = await Promise.all([
      this.db
        .selectFrom('factory_alarm_rules as r')
        .leftJoin('factory_devices as d', 'd.id', 'r.device_id')
        .select(['r.id', 'r.org_id', 'd.num', 'r.device_kind', 'r.metric', 'r.op', 'r.threshold', 'r.severity', 'r.name_zh', 'r.name_en'])
        .where('r.enabled', '=', true)
        .execute(),
      this.db.selectFrom('factory_alarm_codes').selectAll().execute(),
      this.db.selectFrom('factory_alarms').select(['device_num', 'source', 'code']).where('resolved_at', 'is', null).execute(),
      this.db.selectFrom('factory_devices').select(['num', 'org_id', 'kind']).execute(),
    ]);
    this.rules = rules.map((r) => ({
      id: r.id,
      orgId: r.org_id,
      deviceNum: r.num,
      deviceKind: r.device_kind,
      metric: r.metric,
      op: r.op,
      threshold: r.threshold,
      severity: r.severity,
      nameZh: r.name_zh,
      nameEn: r.name_en,
    }));
    this.codes = new Map(codes.map((c) => [`${c.org_id}:${c.code}`, { zh: c.name_zh, en: c.name_en }]));
    this.open = new Set(open.map((o) => `${o.device_num}:${o.source}:${o.code}`));
    this.devices = new Map(devices.map((d) => [d.num, { orgId: d.org_id, kind: d.kind }]));
  }

  /** Alarm changes for rows in time order; `metricName` names each row's metric. */
  evaluate(rows: TelemetryRow[], metricName: (id: number) => string | undefined): AlarmChange[] {
    const out: AlarmChange[] = [];
    for (const r of rows) {
      if (r.value === null) continue;
      const name = metricName(r.metric);
      const dev = this.devices.get(r.device);
      if (!name || !dev) continue;
      if (name === 'alarm_code') {
        const code = Math.trunc(r.value);
        if (code !== 0) {
          const key = `${r.device}:device:${code}`;
          if (!this.open.has(key)) {
            this.open.add(key);
            const n = this.codes.get(`${dev.orgId}:${code}`);
            out.push({
              kind: 'raise',
              device: r.device,
              orgId: dev.orgId,
              source: 'device',
              code: String(code),
              severity: 'critical',
              messageZh: n ? `${n.zh}（${code}）` : `设备报警 ${code}`,
              messageEn: n ? `${n.en} (${code})` : `Device alarm ${code}`,
              value: code,
              at: r.ts,
            });
          }
        } else {
          const prefix = `${r.device}:device:`;
          const openHere = [...this.open].filter((k) => k.startsWith(prefix));
          if (openHere.length) {
            for (const k of openHere) this.open.delete(k);
            out.push({ kind: 'clear', device: r.device, orgId: dev.orgId, source: 'device', code: '*', severity: 'critical', messageZh: '', messageEn: '', value: 0, at: r.ts });
          }
        }
        continue;
      }
      for (const rule of this.rules) {
        if (rule.metric !== name || rule.orgId !== dev.orgId) continue;
        if (rule.deviceNum !== null ? rule.deviceNum !== r.device : rule.deviceKind !== null && rule.deviceKind !== dev.kind) continue;
        const key = `${r.device}:rule:${rule.id}`;
        const bad = violates(rule.op, r.value, rule.threshold);
        if (bad && !this.open.has(key)) {
          this.open.add(key);
          out.push({
            kind: 'raise',
            device: r.device,
            orgId: dev.orgId,
            source: 'rule',
            code: rule.id,
            severity: rule.severity,
            messageZh: `${rule.nameZh}：${name} = ${round(r.value)}（${rule.op} ${rule.threshold}）`,
            messageEn: `${rule.nameEn}: ${name} = ${round(r.value)} (${rule.op} ${rule.threshold})`,
            value: r.value,
            at: r.ts,
          });
        } else if (!bad && this.open.has(key)) {
          this.open.delete(key);
          out.push({
            kind: 'clear',
            device: r.device,
            orgId: dev.orgId,
            source: 'rule',
            code: rule.id,
            severity: rule.severity,
            messageZh: '',
            messageEn: '',
            value: r.value,
            at: r.ts,
          });
        }
      }
    }
    return out;
  }

  /** A new device registered since the last refresh. */
  know(num: number, info: DeviceInfo) {
    this.devices.set(num, info);
  }
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Applies alarm changes inside the batch's transaction; the partial unique index keeps one open alarm per cause. */
export async function writeAlarms(q: RawQuery, changes: AlarmChange[]) {
  for (const c of changes) {
    const at = new Date(c.at).toISOString();
    if (c.kind === 'raise') {
      await q(
        `insert into factory_alarms (org_id, device_num, source, code, severity, message_zh, message_en, value, raised_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         on conflict (device_num, source, code) where resolved_at is null do nothing`,
        [c.orgId, c.device, c.source, c.code, c.severity, c.messageZh, c.messageEn, c.value, at],
      );
    } else {
      await q(
        `update factory_alarms set resolved_at = greatest($4::timestamptz, raised_at), updated_at = now()
         where device_num = $1 and source = $2 and ($3 = '*' or code = $3) and resolved_at is null`,
        [c.device, c.source, c.code, at],
      );
    }
  }
}
