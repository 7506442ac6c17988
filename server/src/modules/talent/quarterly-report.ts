import ExcelJS from 'exceljs';
import type { CollabFigures } from '@gearbridge/contracts/talent';
import type { Actor } from '../../platform/authz';
import { collabFigures, describeScope } from './collab-stats.service';
import type { DB } from './db';

/**
 * The county's quarterly report of the talent collaboration (东西部扶贫协作人才交流季度统计表) as Excel: one row per
 * figure, for each direction the quarter, the year to the quarter's end, and everything since the partnership began
 * — each counted from the records as the statistics page counts them.
 */
const ROWS: { metric: keyof CollabFigures; sector?: 'health' | 'education'; zh: string; en: string; unitZh: string; unitEn: string }[] = [
  { metric: 'cadres', zh: '党政干部挂职', en: 'Cadres seconded', unitZh: '人次', unitEn: 'terms' },
  { metric: 'professionals', zh: '专业技术人才交流', en: 'Professionals sent', unitZh: '人次', unitEn: 'terms' },
  { metric: 'professionals', sector: 'health', zh: '　其中：卫生', en: '  of which health', unitZh: '人次', unitEn: 'terms' },
  { metric: 'professionals', sector: 'education', zh: '　　　　教育', en: '  of which education', unitZh: '人次', unitEn: 'terms' },
  { metric: 'dispatches', sector: 'health', zh: '“订单式”选派医疗专家', en: 'Order-based medical expert dispatches', unitZh: '人次', unitEn: 'dispatches' },
  { metric: 'dispatches', sector: 'education', zh: '“订单式”选派骨干教师', en: 'Order-based teacher dispatches', unitZh: '人次', unitEn: 'dispatches' },
  { metric: 'lectures', zh: '举办学术讲座', en: 'Lectures', unitZh: '场', unitEn: 'events' },
  { metric: 'openClasses', zh: '举办公开课', en: 'Open classes', unitZh: '场', unitEn: 'events' },
  { metric: 'trained', sector: 'health', zh: '培养医疗骨干', en: 'Medical staff trained', unitZh: '人', unitEn: 'people' },
  { metric: 'mentored', sector: 'education', zh: '“传帮带”培养青年教师', en: 'Young teachers mentored', unitZh: '人', unitEn: 'people' },
];
const SINCE = '2017-01-01';

export async function quarterlyReport(db: DB, actor: Actor, year: number, quarter: number, zh: boolean): Promise<Buffer> {
  const qStart = `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`;
  const qEndMonth = quarter * 3;
  const qEnd = new Date(Date.UTC(year, qEndMonth, 0)).toISOString().slice(0, 10);
  const scope = await describeScope(db, actor);
  const periods = await Promise.all([
    collabFigures(db, actor, qStart, qEnd, false),
    collabFigures(db, actor, `${year}-01-01`, qEnd, false),
    collabFigures(db, actor, SINCE, qEnd, false),
  ]);
  // People trained are counted once per period; summed over sectors of one direction they stay distinct per sector.
  const value = (cells: (typeof periods)[number], r: (typeof ROWS)[number], direction: string) =>
    cells.filter((c) => c.direction === direction && (!r.sector || c.sector === r.sector)).reduce((s, c) => s + c[r.metric], 0);

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(zh ? `${year}年第${quarter}季度` : `${year} Q${quarter}`);
  ws.columns = [{ width: 30 }, { width: 8 }, ...Array.from({ length: 6 }, () => ({ width: 13 }))];
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = zh ? `临沂·城口东西部扶贫协作人才交流情况统计表（${year}年第${quarter}季度）` : `Linyi–Chengkou talent collaboration, ${year} Q${quarter}`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:H2');
  const own = scope.kind === 'institution' ? scope.orgNames.join('、') : '';
  ws.getCell('A2').value = zh
    ? `统计截止：${qEnd}　口径：按平台记录计算（人次以挂职、选派期限开始日计）${own ? `　范围：本单位（${own}）参与的记录` : ''}`
    : `As of ${qEnd}; counted from the platform's records${own ? `; scope: the records ${own} took part in` : ''}`;
  const head1 = [
    zh ? '指标' : 'Figure',
    zh ? '单位' : 'Unit',
    zh ? '本季度' : 'This quarter',
    '',
    zh ? '本年累计' : 'Year to date',
    '',
    zh ? '协作以来累计' : 'Since the start',
    '',
  ];
  const dirs = zh ? ['临沂→城口', '城口→临沂'] : ['Linyi → Chengkou', 'Chengkou → Linyi'];
  const head2 = ['', '', ...dirs, ...dirs, ...dirs];
  ws.addRow(head1);
  ws.addRow(head2);
  ws.mergeCells('A3:A4');
  ws.mergeCells('B3:B4');
  ws.mergeCells('C3:D3');
  ws.mergeCells('E3:F3');
  ws.mergeCells('G3:H3');
  for (const r of ROWS) {
    ws.addRow([zh ? r.zh : r.en, zh ? r.unitZh : r.unitEn, ...periods.flatMap((cells) => [value(cells, r, 'east_to_west'), value(cells, r, 'west_to_east')])]);
  }
  for (const row of [3, 4]) ws.getRow(row).eachCell((c) => Object.assign(c, { font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } }));
  for (let i = 3; i <= 4 + ROWS.length; i++)
    ws.getRow(i).eachCell({ includeEmpty: true }, (c) => {
      c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
    });
  ws.addRow([]);
  ws.addRow([zh ? '填报单位：' : 'Reported by:', '', '', zh ? '审核人：' : 'Checked by:', '', zh ? '填报日期：' : 'Date:']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
