import type { ShiftReport } from '@gearbridge/contracts/factory';
import { FONT, mm, PAGE, renderPdf, type PdfDoc } from '../../../platform/pdf/document';
import { LOCAL_OFFSET_MIN } from '../../../platform/time';

const china = (iso: string) => new Date(Date.parse(iso) + LOCAL_OFFSET_MIN * 60_000).toISOString().slice(11, 16);
const pct = (v: number | null | undefined, digits = 1) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(digits)}%`);

/**
 * The shift report on one A4 page, as a supervisor pins it up or files it: the figures of `ShiftReport`, Chinese or
 * English, with the Noto Sans SC the platform embeds (platform/pdf) — a fresh machine needs no font installed.
 */
/** An NCR's status in the report's language (the web's factory.ncr.status words). */
export const ncrStatus = (s: ShiftReport['ncrs']['items'][number]['status'], zh: boolean) =>
  ({ open: ['待处置', 'Open'], dispositioned: ['已处置', 'Dispositioned'], closed: ['已关闭', 'Closed'], cancelled: ['已取消', 'Cancelled'] })[s][zh ? 0 : 1];

export async function shiftReportPdf(r: ShiftReport, zh: boolean): Promise<Buffer> {
  const T = (z: string, e: string) => (zh ? z : e);
  const lineName = zh ? r.line.nameZh : r.line.nameEn;
  return renderPdf({ size: PAGE.A4, margin: mm(15), title: `${T('班次报表', 'Shift report')} ${r.line.code} ${r.day} ${r.shift.name}`, maxPages: 3 }, (doc: PdfDoc) => {
    const left = mm(15);
    const width = PAGE.A4[0] - mm(30);
    doc
      .font(FONT.bold)
      .fontSize(16)
      .text(`${T('班次报表', 'Shift report')} · ${r.line.code} ${lineName}`, left, mm(15));
    doc
      .font(FONT.regular)
      .fontSize(10)
      .fillColor('#555')
      .text(
        `${r.day} ${r.shift.name} ${china(r.shift.start)}–${china(r.shift.end)}${r.shift.inProgress ? T('（进行中）', ' (in progress)') : ''} · ${T('截至', 'as of')} ${china(r.asOf)}`,
      );
    doc.fillColor('#000').moveDown(0.8);

    // Key figures in a row of boxes.
    const o = r.oee;
    const boxes: [string, string, string?][] = [
      [
        T('合格产出 / 目标', 'Good / target'),
        `${r.output.good} / ${r.target ?? '—'}`,
        r.shift.inProgress && r.targetSoFar !== null ? `${T('应完成', 'due so far')} ${Math.round(r.targetSoFar)}` : undefined,
      ],
      [T('一次合格率', 'First-pass yield'), pct(r.output.firstPassYield, 2)],
      [
        r.ppmTarget === null ? T('不良 ppm', 'ppm') : T('不良 ppm（目标 ', 'ppm (target ') + r.ppmTarget + T('）', ')'),
        r.output.ppm === null ? '—' : String(Math.round(r.output.ppm)),
      ],
      ['OEE', pct(o?.oee)],
    ];
    const bw = width / boxes.length;
    const top = doc.y;
    boxes.forEach(([label, value, sub], i) => {
      const x = left + i * bw;
      doc
        .rect(x + 2, top, bw - 4, mm(22))
        .strokeColor('#ccc')
        .stroke();
      doc
        .font(FONT.regular)
        .fontSize(8)
        .fillColor('#555')
        .text(label, x + 6, top + 5, { width: bw - 12 });
      doc
        .font(FONT.bold)
        .fontSize(16)
        .fillColor('#000')
        .text(value, x + 6, top + 18, { width: bw - 12 });
      if (sub)
        doc
          .font(FONT.regular)
          .fontSize(8)
          .fillColor('#555')
          .text(sub, x + 6, top + 40, { width: bw - 12 });
    });
    doc.fillColor('#000').font(FONT.regular);
    doc.y = top + mm(26);

    const section = (title: string) => {
      doc.moveDown(0.6).font(FONT.bold).fontSize(11).text(title, left).font(FONT.regular).fontSize(9).moveDown(0.2);
    };
    const table = (head: string[], rows: (string | number)[][], widths: number[]) => {
      const y0 = doc.y;
      let y = y0;
      const row = (cells: (string | number)[], bold: boolean) => {
        let x = left;
        doc.font(bold ? FONT.bold : FONT.regular).fontSize(9);
        cells.forEach((c, i) => {
          doc.text(String(c), x, y, { width: widths[i] * width - 4, lineBreak: false, ellipsis: true });
          x += widths[i] * width;
        });
        y += 13;
      };
      row(head, true);
      for (const r of rows) row(r, false);
      if (!rows.length) {
        doc.font(FONT.regular).fillColor('#777').text(T('无', 'None'), left, y);
        doc.fillColor('#000');
        y += 13;
      }
      doc.y = y;
    };

    section(T('产出与质量', 'Output and quality'));
    table(
      [T('项目', 'Item'), T('数值', 'Value')],
      [
        [
          T('班组人员', 'Crew'),
          `${r.crew.members.join(zh ? '、' : ', ') || '—'}${r.crew.carriedForward && r.crew.fromDay ? T(`（沿用 ${r.crew.fromDay} 的安排）`, ` (as set on ${r.crew.fromDay})`) : ''}`,
        ],
        [T('合格产出（件）', 'Good output (units)'), r.output.good],
        [T('不合格（件）', 'NOK (units)'), r.output.nok],
        [T('直通率', 'Rolled throughput yield'), pct(r.output.rolledThroughputYield, 2)],
        [T('时间开动率 / 性能开动率 / 合格品率', 'Availability / performance / quality'), `${pct(o?.availability)} / ${pct(o?.performance)} / ${pct(o?.quality)}`],
        [T('报警次数', 'Alarms raised'), r.alarms.raised],
        [T('不合格品记录：本班未结 / 本班新开', 'NCRs: open in the shift / raised in it'), `${r.ncrs.open} / ${r.ncrs.raised}`],
      ],
      [0.5, 0.5],
    );

    section(T('逐时产出', 'Units per hour'));
    table(
      [T('时段', 'Hour'), T('合格', 'Good'), T('不合格', 'NOK')],
      r.hourly.map((h) => [china(h.start), h.good, h.nok]),
      [0.3, 0.2, 0.2],
    );

    const state: Record<string, string> = { down: T('故障', 'Breakdown'), setup: T('换型调整', 'Setup'), idle: T('小停机', 'Small stops'), offline: T('离线', 'Offline') };
    section(T('停机原因（设备分钟）', 'Downtime causes (machine-minutes)'));
    table(
      [T('原因', 'Cause'), T('次数', 'Stops'), T('分钟', 'Minutes')],
      (o?.stops ?? [])
        .slice(0, 8)
        .map((s) => [(zh ? s.nameZh : s.nameEn) ?? (s.code !== null ? `${state[s.state]} ${s.code}` : state[s.state]), s.count, Math.round(s.seconds / 60)]),
      [0.6, 0.2, 0.2],
    );

    section(T('缺陷', 'Defects'));
    table(
      [T('代码', 'Code'), T('缺陷', 'Defect'), T('件数', 'Units')],
      r.defects.map((d) => [d.code, (zh ? d.nameZh : d.nameEn) ?? '', d.count]),
      [0.2, 0.6, 0.2],
    );

    section(T('报警', 'Alarms'));
    table(
      [T('设备', 'Device'), T('报警', 'Alarm'), T('发生', 'Raised'), T('本班分钟', 'Min in shift')],
      r.alarms.top.map((a) => [a.deviceCode, zh ? a.messageZh : a.messageEn, china(a.raisedAt), Math.round(a.openS / 60)]),
      [0.18, 0.52, 0.15, 0.15],
    );

    section(T('不合格品记录（本班未结）', 'Nonconformance records open in the shift'));
    table(
      [T('编号', 'Number'), T('状态', 'Status'), T('描述', 'Description'), T('开立', 'Raised')],
      r.ncrs.items.slice(0, 10).map((n) => [n.number, ncrStatus(n.status, zh), n.description, china(n.createdAt)]),
      [0.2, 0.13, 0.52, 0.15],
    );
  });
}
