import type { YearSummary } from '@gearbridge/contracts/park';
import { toXlsx } from '../../../platform/excel/workbook';
import { FONT, mm, PAGE, renderPdf, type PdfDoc } from '../../../platform/pdf/document';
import { CATEGORY } from '../exports';

/**
 * The yearly summary (年度招商统计) as a spreadsheet and as one A4 page: the same figures the API computes from the
 * records — amounts as exact decimal text in 亿元, the area revived in whole m² — in the reader's language.
 */
type Row = { label: string; count: number | null; amount: string | null; area: number | null };

function rows(s: YearSummary, zh: boolean): Row[] {
  const T = (z: string, e: string) => (zh ? z : e);
  const ca = (label: string, x: { count: number; amount: string }): Row => ({ label, count: x.count, amount: x.amount, area: null });
  return [
    ca(T('签约项目', 'Signed projects'), s.signed),
    ca(T('其中超 100 亿元', 'of which over 100亿'), s.over100),
    ca(T('其中超 50 亿元', 'of which over 50亿'), s.over50),
    ca(T('其中超 10 亿元', 'of which over 10亿'), s.over10),
    ca(T('开工项目', 'Broke ground'), s.groundbroken),
    ca(T('投产项目', 'Went into production'), s.inProduction),
    ca(T('储备项目', 'Reserve projects'), s.reserve),
    { label: T('盘活闲置厂房（租约数 / 平方米）', 'Idle plant revived (leases / m²)'), count: s.areaRevived.leases, amount: null, area: s.areaRevived.areaM2 },
    ...s.byCategory.map((c) => ca(`${T('产业类别：', 'Category: ')}${CATEGORY[c.category][zh ? 0 : 1]}`, c)),
    ...s.largest.map((p) => ({ label: `${T('重点项目：', 'Project: ')}${p.name}`, count: null, amount: p.amount, area: null })),
  ];
}

export function summaryXlsx(s: YearSummary, zh: boolean): Promise<Buffer> {
  const T = (z: string, e: string) => (zh ? z : e);
  return toXlsx(
    T(`${s.year}年招商统计`, `Investment ${s.year}`),
    [
      { key: 'label', header: T('指标', 'Figure'), width: 44, value: (r: Row) => r.label },
      { key: 'count', header: T('数量', 'Count'), width: 10, value: (r: Row) => r.count },
      { key: 'amount', header: T('金额（亿元）', 'Amount (100M yuan)'), width: 18, value: (r: Row) => r.amount },
      { key: 'area', header: T('面积（平方米）', 'Area (m²)'), width: 16, value: (r: Row) => r.area },
    ],
    rows(s, zh),
  );
}

export function summaryPdf(s: YearSummary, zh: boolean): Promise<Buffer> {
  const T = (z: string, e: string) => (zh ? z : e);
  return renderPdf({ size: PAGE.A4, margin: mm(15), title: T(`${s.year}年招商统计`, `Investment summary ${s.year}`), maxPages: 4 }, (doc: PdfDoc) => {
    const left = mm(15);
    const width = PAGE.A4[0] - mm(30);
    doc
      .font(FONT.bold)
      .fontSize(16)
      .text(T(`綦江工业园区 ${s.year} 年招商统计`, `Investment summary ${s.year}`), left, mm(15));
    doc
      .font(FONT.regular)
      .fontSize(9)
      .fillColor('#555')
      .text(T('由项目与租约记录计算，金额单位亿元，精确到元', 'Computed from the project and lease records; amounts in 100 million yuan, exact to the yuan'));
    doc.fillColor('#000').moveDown(0.8);
    const cols = [width * 0.58, width * 0.12, width * 0.15, width * 0.15];
    const line = (cells: string[], bold = false) => {
      const y = doc.y;
      let x = left;
      doc.font(bold ? FONT.bold : FONT.regular).fontSize(9.5);
      let h = 0;
      cells.forEach((c, i) => {
        doc.text(c, x + 2, y, { width: cols[i] - 4, align: i ? 'right' : 'left' });
        h = Math.max(h, doc.y - y);
        x += cols[i];
      });
      doc.y = y + h + 3;
      doc
        .moveTo(left, doc.y - 1.5)
        .lineTo(left + width, doc.y - 1.5)
        .strokeColor('#e5e5e5')
        .stroke();
    };
    line([T('指标', 'Figure'), T('数量', 'Count'), T('亿元', '100M yuan'), T('平方米', 'm²')], true);
    for (const r of rows(s, zh)) line([r.label, r.count === null ? '' : String(r.count), r.amount ?? '', r.area === null ? '' : r.area.toLocaleString('en-US')]);
    if (s.batches.length) {
      doc.moveDown(0.8).font(FONT.bold).fontSize(11).text(T('集中仪式', 'Ceremonies'), left);
      doc.font(FONT.regular).fontSize(9.5);
      for (const b of s.batches)
        doc.text(`${b.heldOn}  ${b.name}  ${T(`${b.projectCount} 个项目，${b.amount} 亿元`, `${b.projectCount} projects, ${b.amount} × 100M yuan`)}`, left);
    }
  });
}
