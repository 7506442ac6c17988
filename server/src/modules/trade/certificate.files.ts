import bwipjs from 'bwip-js';
import ExcelJS from 'exceljs';
import type { Certificate } from '@gearbridge/contracts/trade';
import { FONT, mm, PAGE, renderPdf, type PdfDoc } from '../../platform/pdf/document';
import { LOCAL_OFFSET_MIN } from '../../platform/time';

type Characteristic = Certificate['content']['characteristics'][number];
const chinaTime = (iso: string | null) => (iso ? new Date(Date.parse(iso) + LOCAL_OFFSET_MIN * 60_000).toISOString().slice(0, 16).replace('T', ' ') : '—');
const num = (v: number | null, d: number) => (v === null ? '—' : v.toFixed(d));
const idx = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const firstPass = (u: Certificate['content']['units'][number]) => u.operations.length > 0 && u.operations.every((o) => o.result === 'OK');

/** The verification page's address the QR code carries. */
export const verifyUrl = (origin: string, token: string) => `${origin}/trade/verify/${token}`;

/** The QR code (bwip-js) of the verification page, as a PNG. */
export const qrPng = (url: string): Promise<Buffer> => bwipjs.toBuffer({ bcid: 'qrcode', text: url, scale: 4 });

/**
 * The certificate as A4 landscape pages: the parties, the delivery and the QR code of its verification page; per
 * characteristic the specification, the delivered values' spread and capability; then every delivered unit with its
 * first-pass result and measured values. Chinese or English, the font embedded (platform/pdf).
 */
export async function certificatePdf(c: Certificate, zh: boolean, url: string): Promise<Buffer> {
  const T = (z: string, e: string) => (zh ? z : e);
  const qr = await qrPng(url);
  const [W, H] = [PAGE.A4[1], PAGE.A4[0]];
  const left = mm(12);
  const width = W - mm(24);
  const chars = c.content.characteristics;
  return renderPdf({ size: [W, H], margin: mm(12), title: `${T('质量证明书', 'Quality certificate')} ${c.number}`, maxPages: 400 }, (doc: PdfDoc) => {
    doc.font(FONT.bold).fontSize(18).text(T('产品质量证明书', 'Quality certificate'), left, mm(12));
    doc.font(FONT.regular).fontSize(9).fillColor('#333');
    const facts: [string, string][] = [
      [T('证书编号', 'Certificate no.'), c.number],
      [T('供方', 'Supplier'), c.supplierName],
      [T('需方', 'Customer'), c.buyerName],
      [T('交付单号', 'Delivery'), `${c.deliveryNumber} · ${chinaTime(c.content.delivery.shippedAt)}`],
      [T('零件号', 'Part numbers'), c.partNos.join(', ')],
      [T('数量', 'Quantity'), `${c.units} ${T('件', 'pcs')} · ${c.content.delivery.pallets} ${T('托', 'pallets')}`],
      [T('签发时间', 'Issued'), chinaTime(c.issuedAt)],
      ['SHA-256', c.sha256],
    ];
    let y = mm(22);
    for (const [k, v] of facts) {
      doc.font(FONT.bold).text(k, left, y, { width: mm(28) });
      doc.font(FONT.regular).text(v, left + mm(30), y, { width: mm(170) });
      y += 13;
    }
    doc.image(qr, W - mm(12) - mm(32), mm(14), { width: mm(32) });
    doc
      .fontSize(7)
      .fillColor('#555')
      .text(T('扫码验证', 'Scan to verify'), W - mm(12) - mm(32), mm(47), { width: mm(32), align: 'center' });

    // A table with a header row that repeats on each new page.
    const table = (title: string, cols: { h: string; w: number; align?: 'left' | 'right' | 'center' }[], rows: string[][]) => {
      doc
        .fillColor('#000')
        .font(FONT.bold)
        .fontSize(11)
        .text(title, left, y + 6);
      y = doc.y + 4;
      const total = cols.reduce((s, x) => s + x.w, 0);
      const scale = width / total;
      const header = () => {
        let x = left;
        doc.rect(left, y, width, 14).fill('#eef2f7');
        doc.fillColor('#000').font(FONT.bold).fontSize(7.5);
        for (const col of cols) {
          doc.text(col.h, x + 2, y + 3, { width: col.w * scale - 4, align: col.align ?? 'left', lineBreak: false, ellipsis: true });
          x += col.w * scale;
        }
        y += 14;
      };
      header();
      doc.font(FONT.regular).fontSize(7.5);
      for (const r of rows) {
        if (y + 12 > H - mm(12)) {
          doc.addPage();
          y = mm(12);
          header();
          doc.font(FONT.regular).fontSize(7.5);
        }
        let x = left;
        r.forEach((cell, i) => {
          doc.text(cell, x + 2, y + 2, { width: cols[i].w * scale - 4, align: cols[i].align ?? 'left', lineBreak: false, ellipsis: true });
          x += cols[i].w * scale;
        });
        doc
          .moveTo(left, y + 12)
          .lineTo(left + width, y + 12)
          .strokeColor('#e5e5e5')
          .stroke();
        y += 12;
      }
      y += 6;
    };
    y = Math.max(y, mm(52));
    table(
      T('检验特性与过程能力', 'Characteristics and capability'),
      [
        { h: T('零件号', 'Part'), w: 14 },
        { h: T('工序', 'Op'), w: 7 },
        { h: T('特性', 'Characteristic'), w: 26 },
        { h: T('名义值', 'Nominal'), w: 10, align: 'right' },
        { h: 'LSL', w: 10, align: 'right' },
        { h: 'USL', w: 10, align: 'right' },
        { h: 'n', w: 6, align: 'right' },
        { h: T('最小', 'Min'), w: 10, align: 'right' },
        { h: T('最大', 'Max'), w: 10, align: 'right' },
        { h: T('均值', 'Mean'), w: 10, align: 'right' },
        { h: 'Cp', w: 7, align: 'right' },
        { h: 'Cpk', w: 7, align: 'right' },
        { h: 'Ppk', w: 7, align: 'right' },
        { h: T('超差', 'Out'), w: 6, align: 'right' },
      ],
      chars.map((x: Characteristic) => [
        x.partNo,
        x.op,
        `${x.code} ${zh ? x.nameZh : x.nameEn} (${x.unit})`,
        num(x.nominal, x.decimals),
        num(x.lsl, x.decimals),
        num(x.usl, x.decimals),
        String(x.n),
        num(x.min, x.decimals),
        num(x.max, x.decimals),
        num(x.mean, x.decimals + 1),
        idx(x.cp),
        idx(x.cpk),
        idx(x.ppk),
        String(x.outOfSpec),
      ]),
    );
    const shown = chars.slice(0, 8);
    table(
      T('交付单件及检验结果', 'Delivered units and their results'),
      [
        { h: T('序列号', 'Serial'), w: 22 },
        { h: T('工单', 'Work order'), w: 16 },
        { h: T('托盘 SSCC', 'Pallet SSCC'), w: 22 },
        { h: T('一次合格', 'First pass'), w: 9, align: 'center' },
        ...shown.map((x) => ({ h: x.code, w: 10, align: 'right' as const })),
      ],
      c.content.units.map((u) => [
        u.serial,
        u.workOrder ?? '—',
        u.sscc,
        firstPass(u) ? T('是', 'yes') : T('否', 'no'),
        ...shown.map((x) => (u.values[x.code] === undefined ? '—' : u.values[x.code].toFixed(x.decimals))),
      ]),
    );
  });
}

/** The certificate as a workbook: the certificate, the characteristics with capability, and every unit's values. */
export async function certificateXlsx(c: Certificate, zh: boolean, url: string): Promise<Buffer> {
  const T = (z: string, e: string) => (zh ? z : e);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gearbridge';
  const head = wb.addWorksheet(T('证明书', 'Certificate'));
  head.columns = [{ width: 18 }, { width: 70 }];
  const rows: [string, string][] = [
    [T('证书编号', 'Certificate no.'), c.number],
    [T('供方', 'Supplier'), c.supplierName],
    [T('需方', 'Customer'), c.buyerName],
    [T('交付单号', 'Delivery'), c.deliveryNumber],
    [T('发货时间', 'Shipped'), chinaTime(c.content.delivery.shippedAt)],
    [T('零件号', 'Part numbers'), c.partNos.join(', ')],
    [T('数量（件）', 'Quantity (pcs)'), String(c.units)],
    [T('签发时间', 'Issued'), chinaTime(c.issuedAt)],
    ['SHA-256', c.sha256],
    [T('验证地址', 'Verify at'), url],
  ];
  for (const r of rows) head.addRow(r);
  head.getColumn(1).font = { bold: true };

  const chars = c.content.characteristics;
  const cs = wb.addWorksheet(T('特性与能力', 'Characteristics'));
  cs.addRow([
    T('零件号', 'Part'),
    T('工序', 'Op'),
    T('特性代码', 'Code'),
    T('特性', 'Characteristic'),
    T('单位', 'Unit'),
    T('名义值', 'Nominal'),
    'LSL',
    'USL',
    'n',
    T('最小', 'Min'),
    T('最大', 'Max'),
    T('均值', 'Mean'),
    'Cp',
    'Cpk',
    'Pp',
    'Ppk',
    T('超差数', 'Out of spec'),
  ]);
  for (const x of chars)
    cs.addRow([x.partNo, x.op, x.code, zh ? x.nameZh : x.nameEn, x.unit, x.nominal, x.lsl, x.usl, x.n, x.min, x.max, x.mean, x.cp, x.cpk, x.pp, x.ppk, x.outOfSpec]);
  cs.getRow(1).font = { bold: true };
  cs.views = [{ state: 'frozen', ySplit: 1 }];

  const us = wb.addWorksheet(T('单件结果', 'Units'));
  us.addRow([
    T('序列号', 'Serial'),
    T('产品序列号', 'Product serial'),
    T('零件号', 'Part'),
    T('工单', 'Work order'),
    T('托盘 SSCC', 'Pallet SSCC'),
    T('箱号', 'Box'),
    T('完工时间', 'Done'),
    T('一次合格', 'First pass'),
    ...chars.map((x) => x.code),
  ]);
  for (const u of c.content.units)
    us.addRow([
      u.serial,
      u.productSerial,
      u.partNo,
      u.workOrder,
      u.sscc,
      u.box,
      chinaTime(u.doneAt),
      firstPass(u) ? T('是', 'yes') : T('否', 'no'),
      ...chars.map((x) => (x.partNo === u.partNo ? (u.values[x.code] ?? null) : null)),
    ]);
  us.getRow(1).font = { bold: true };
  us.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
