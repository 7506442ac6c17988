import ExcelJS from 'exceljs';
import type { ShiftReport } from '@gearbridge/contracts/factory';
import { cellValue } from '../../../platform/excel/workbook';
import { ncrStatus } from './shift-report.pdf';

const pct = (v: number | null) => (v === null ? null : v);

/**
 * The shift report as a workbook a supervisor files: a summary sheet (output against target, yields and ppm, OEE and
 * its losses, NCRs), and one sheet each for the hours, the downtime causes, the defects, the alarms and the NCRs. Times in China time.
 */
export async function shiftReportXlsx(r: ShiftReport, zh: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gearbridge';
  const T = (z: string, e: string) => (zh ? z : e);
  const head = (ws: ExcelJS.Worksheet) => {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  };

  const sum = wb.addWorksheet(T('概要', 'Summary'));
  sum.columns = [
    { header: T('项目', 'Item'), key: 'k', width: 28 },
    { header: T('数值', 'Value'), key: 'v', width: 22 },
  ];
  head(sum);
  const o = r.oee;
  const crewText = `${r.crew.members.join(zh ? '、' : ', ') || '—'}${r.crew.carriedForward && r.crew.fromDay ? T(`（沿用 ${r.crew.fromDay} 的安排）`, ` (as set on ${r.crew.fromDay})`) : ''}`;
  const rows: [string, string | number | Date | null, string?][] = [
    [T('产线', 'Line'), `${r.line.code} ${zh ? r.line.nameZh : r.line.nameEn}`],
    [T('日期', 'Day'), r.day],
    [T('班次', 'Shift'), r.shift.name],
    [T('班组人员', 'Crew'), crewText],
    [T('开始', 'Start'), cellValue('datetime', r.shift.start) as Date],
    [T('结束', 'End'), cellValue('datetime', r.shift.end) as Date],
    [T('合格产出（件）', 'Good output (units)'), r.output.good],
    [T('班次目标（件）', 'Shift target (units)'), r.target],
    [T('不合格（件）', 'NOK (units)'), r.output.nok],
    [T('一次合格率', 'First-pass yield'), pct(r.output.firstPassYield), '0.00%'],
    [T('直通率', 'Rolled throughput yield'), pct(r.output.rolledThroughputYield), '0.00%'],
    [T('不良率（ppm）', 'Defects (ppm)'), r.output.ppm === null ? null : Math.round(r.output.ppm)],
    [T('ppm 目标', 'ppm target'), r.ppmTarget],
    [T('设备综合效率 OEE', 'OEE'), pct(o?.oee ?? null), '0.0%'],
    [T('时间开动率', 'Availability'), pct(o?.availability ?? null), '0.0%'],
    [T('性能开动率', 'Performance'), pct(o?.performance ?? null), '0.0%'],
    [T('合格品率', 'Quality'), pct(o?.quality ?? null), '0.0%'],
    [T('报警（次）', 'Alarms raised'), r.alarms.raised],
    [T('不合格品记录（本班未结）', 'NCRs open in the shift'), r.ncrs.open],
    [T('不合格品记录（本班新开）', 'NCRs raised in the shift'), r.ncrs.raised],
  ];
  for (const [k, v, fmt] of rows) {
    const row = sum.addRow({ k, v });
    if (fmt) row.getCell(2).numFmt = fmt;
    if (v instanceof Date) row.getCell(2).numFmt = 'yyyy-mm-dd hh:mm';
  }

  const hours = wb.addWorksheet(T('逐时产出', 'By hour'));
  hours.columns = [
    { header: T('时段开始', 'Hour from'), key: 'h', width: 18 },
    { header: T('合格', 'Good'), key: 'g', width: 10 },
    { header: T('不合格', 'NOK'), key: 'n', width: 10 },
  ];
  head(hours);
  for (const h of r.hourly) hours.addRow({ h: cellValue('datetime', h.start), g: h.good, n: h.nok }).getCell(1).numFmt = 'yyyy-mm-dd hh:mm';

  const stops = wb.addWorksheet(T('停机原因', 'Downtime'));
  stops.columns = [
    { header: T('原因', 'Cause'), key: 'c', width: 28 },
    { header: T('次数', 'Stops'), key: 'n', width: 10 },
    { header: T('分钟（设备分钟）', 'Minutes (machine-minutes)'), key: 'm', width: 22 },
  ];
  head(stops);
  const state = { down: T('故障', 'Breakdown'), setup: T('换型调整', 'Setup'), idle: T('小停机', 'Small stops'), offline: T('离线', 'Offline') };
  for (const s of o?.stops ?? []) {
    stops.addRow({ c: (zh ? s.nameZh : s.nameEn) ?? (s.code !== null ? `${state[s.state]} ${s.code}` : state[s.state]), n: s.count, m: Math.round(s.seconds / 60) });
  }

  const defects = wb.addWorksheet(T('缺陷', 'Defects'));
  defects.columns = [
    { header: T('缺陷代码', 'Code'), key: 'c', width: 12 },
    { header: T('缺陷', 'Defect'), key: 'n', width: 24 },
    { header: T('件数', 'Units'), key: 'k', width: 10 },
  ];
  head(defects);
  for (const d of r.defects) defects.addRow({ c: d.code, n: zh ? d.nameZh : d.nameEn, k: d.count });

  const alarms = wb.addWorksheet(T('报警', 'Alarms'));
  alarms.columns = [
    { header: T('设备', 'Device'), key: 'd', width: 14 },
    { header: T('报警', 'Alarm'), key: 'a', width: 28 },
    { header: T('发生', 'Raised'), key: 'r', width: 18 },
    { header: T('解除', 'Resolved'), key: 's', width: 18 },
    { header: T('本班持续（分钟）', 'Open in shift (min)'), key: 'm', width: 18 },
  ];
  head(alarms);
  for (const a of r.alarms.top) {
    const row = alarms.addRow({
      d: a.deviceCode,
      a: zh ? a.messageZh : a.messageEn,
      r: cellValue('datetime', a.raisedAt),
      s: a.resolvedAt ? cellValue('datetime', a.resolvedAt) : null,
      m: Math.round(a.openS / 60),
    });
    row.getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
    row.getCell(4).numFmt = 'yyyy-mm-dd hh:mm';
  }

  const ncrs = wb.addWorksheet(T('不合格品记录', 'NCRs'));
  ncrs.columns = [
    { header: T('编号', 'Number'), key: 'n', width: 16 },
    { header: T('状态', 'Status'), key: 's', width: 12 },
    { header: T('描述', 'Description'), key: 'd', width: 40 },
    { header: T('数量', 'Quantity'), key: 'q', width: 10 },
    { header: T('开立', 'Raised'), key: 'c', width: 18 },
    { header: T('本班新开', 'Raised in the shift'), key: 'i', width: 14 },
  ];
  head(ncrs);
  for (const n of r.ncrs.items) {
    ncrs
      .addRow({
        n: n.number,
        s: ncrStatus(n.status, zh),
        d: n.description,
        q: n.quantity,
        c: cellValue('datetime', n.createdAt),
        i: n.raisedInShift ? T('是', 'yes') : T('否', 'no'),
      })
      .getCell(5).numFmt = 'yyyy-mm-dd hh:mm';
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
