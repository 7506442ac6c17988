import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { pm, type Msg } from '../errors';

/**
 * Reading an uploaded .xlsx without trusting it. An .xlsx is a zip of XML parts; a hostile one is small on the wire
 * and huge inflated (a zip bomb), or holds a sheet of a million rows or a string of hundreds of megabytes. So:
 * the zip's central directory is read first and nothing is inflated unless the entry count, every part's declared
 * size and their total are within the limits and every part's name is one an .xlsx has; only the parts the first
 * sheet needs are then inflated, as streams whose bytes are counted (a part inflating past its declared size is
 * refused), and parsed with a SAX parser that stops at the row limit. The event loop gets a turn every few
 * milliseconds of parsing.
 */
export interface SheetLimits {
  /** Data rows (non-blank rows below the header). */
  maxRows: number;
  /** Entries in the zip, folders included. */
  maxEntries: number;
  /** Declared (and actual) uncompressed size of any one part. */
  maxPartBytes: number;
  /** Declared uncompressed size of all parts together. */
  maxTotalBytes: number;
  /** Characters in one cell (Excel's own limit is 32,767). */
  maxCellChars: number;
  /** Columns of the header row. */
  maxColumns: number;
}

const MiB = 1024 * 1024;

export const SHEET_LIMITS: Omit<SheetLimits, 'maxRows'> = {
  maxEntries: 200,
  maxPartBytes: 64 * MiB,
  maxTotalBytes: 128 * MiB,
  maxCellChars: 32_767,
  maxColumns: 200,
};

export class WorkbookError extends Error {
  constructor(readonly msg: Msg) {
    super(msg.text);
  }
}

/** A read sheet: its header texts and each row's cell texts. */
export interface Sheet {
  headers: string[];
  rows: { row: number; cells: string[] }[];
}

/**
 * The parts an .xlsx may hold: XML, relationships, VML drawings, printer settings and VBA as .bin, and pictures.
 * Anything else (a nested zip or workbook, an executable) is refused. Names are plain relative paths.
 */
const PART_NAME = /^(?:[\w\-.[\]() ]+\/)*[\w\-.[\]() ]+$/;
const PART_EXT = /\.(xml|rels|vml|bin|png|jpe?g|jfif|gif|bmp|tiff?|emf|wmf|svg|wdp|webp)$/i;

function checkPartName(name: string): void {
  if (name.endsWith('/')) {
    if (PART_NAME.test(name.slice(0, -1)) && !name.split('/').some((s) => s === '.' || s === '..')) return;
  } else if (PART_NAME.test(name) && PART_EXT.test(name) && !name.split('/').some((s) => s === '.' || s === '..')) return;
  throw new WorkbookError(pm('platform.import.unexpected_part', { part: name.slice(0, 100) }));
}

const mib = (n: number) => Math.floor(n / MiB);

/** Reads the first sheet into header texts and row texts, with the 1-based sheet row number of each row. */
export async function readSheet(buf: Buffer, maxRows: number, overrides: Partial<Omit<SheetLimits, 'maxRows'>> = {}): Promise<Sheet> {
  const limits: SheetLimits = { ...SHEET_LIMITS, ...overrides, maxRows };
  let zip: ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: true });
  } catch {
    throw new WorkbookError(pm('platform.import.unreadable'));
  }
  // The entry count is in the end-of-central-directory record: refuse before reading a single entry.
  if (zip.entryCount > limits.maxEntries) throw new WorkbookError(pm('platform.import.too_many_parts', { max: limits.maxEntries }));
  const entries = new Map<string, Entry>();
  let total = 0;
  try {
    for await (const entry of zip.eachEntry()) {
      checkPartName(entry.fileName);
      if (entry.isEncrypted() || (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)) throw new WorkbookError(pm('platform.import.unreadable'));
      if (entry.uncompressedSize > limits.maxPartBytes)
        throw new WorkbookError(pm('platform.import.part_too_large', { part: entry.fileName.slice(0, 100), max: mib(limits.maxPartBytes) }));
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes) throw new WorkbookError(pm('platform.import.too_large', { max: mib(limits.maxTotalBytes) }));
      const key = entry.fileName.toLowerCase();
      // Two parts of one name: which one a reader takes is up to the reader. Refuse the ambiguity.
      if (entries.has(key)) throw new WorkbookError(pm('platform.import.unexpected_part', { part: entry.fileName.slice(0, 100) }));
      entries.set(key, entry);
    }
  } catch (err) {
    if (err instanceof WorkbookError) throw err;
    // yauzl's own file-name checks: an absolute path, `..`, a backslash.
    const m = /^(?:absolute path|invalid relative path|invalid characters in fileName): (.*)$/.exec((err as Error).message ?? '');
    if (m) throw new WorkbookError(pm('platform.import.unexpected_part', { part: m[1].slice(0, 100) }));
    throw new WorkbookError(pm('platform.import.unreadable'));
  }

  const part = (name: string) => entries.get(name.toLowerCase());
  const reader = new PartReader(zip, limits);

  // _rels/.rels → the workbook part; its relationships → the first sheet, the shared strings and the styles.
  const rootRels = part('_rels/.rels') ? await reader.rels(part('_rels/.rels')!, '') : [];
  const workbookName = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
  const workbookEntry = part(workbookName);
  if (!workbookEntry) throw new WorkbookError(pm('platform.import.unreadable'));
  const dir = workbookName.includes('/') ? workbookName.slice(0, workbookName.lastIndexOf('/') + 1) : '';
  const workbook = await reader.workbook(workbookEntry);
  const relsEntry = part(`${dir}_rels/${workbookName.slice(dir.length)}.rels`);
  const rels = relsEntry ? await reader.rels(relsEntry, dir) : [];
  const sheetTarget = workbook.firstSheetRel ? rels.find((r) => r.id === workbook.firstSheetRel)?.target : undefined;
  const sheetEntry = sheetTarget ? part(sheetTarget) : undefined;
  if (!sheetEntry) throw new WorkbookError(pm('platform.import.no_sheet'));
  const stringsEntry = part(rels.find((r) => r.type.endsWith('/sharedStrings'))?.target ?? `${dir}sharedStrings.xml`);
  const stylesEntry = part(rels.find((r) => r.type.endsWith('/styles'))?.target ?? `${dir}styles.xml`);
  const dateStyles = stylesEntry ? await reader.dateStyles(stylesEntry) : new Set<number>();
  const strings = stringsEntry ? await reader.sharedStrings(stringsEntry) : [];
  return reader.sheet(sheetEntry, { strings, dateStyles, date1904: workbook.date1904 });
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

/** The local name of an element or attribute (`x:row` → `row`): some writers prefix SpreadsheetML. */
const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** An attribute by local name (`r:id` and `ns1:id` alike); `prefixed`: only a namespaced one. */
function attr(tag: SaxesTagPlain, name: string, prefixed = false): string | undefined {
  for (const [k, v] of Object.entries(tag.attributes)) {
    if (local(k) === name && (!prefixed || k.includes(':'))) return v;
  }
  return undefined;
}

/** A part's target as a zip path, resolved against the folder of the part whose relationship it is. */
function resolveTarget(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, and the East Asian ones 27–36, 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a format code shows a date or time (what ExcelJS decides, so a date cell reads as before). */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]+/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Column number (1-based) of a cell reference such as `AB12`; 0 when there is none. */
function columnOf(ref: string | undefined): number {
  if (!ref) return 0;
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > 16_384) return 16_385;
  }
  return n;
}

/** A number in a date-formatted cell as the date it shows (YYYY-MM-DD), as ExcelJS converts it. */
function serialToDate(v: number, date1904: boolean): string {
  const d = new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
  return Number.isNaN(d.getTime()) ? String(v) : d.toISOString().slice(0, 10);
}

/**
 * A leading apostrophe that toXlsx put before a text starting with = + - @, tab or carriage return (so no
 * spreadsheet treats it as a formula) is taken off again: a value exported and imported back is unchanged.
 * (XML reads a carriage return as a line feed: that is what comes back of one.)
 */
export function unneutralise(text: string): string {
  return text.length > 1 && text[0] === "'" && /^[=+\-@\t\r\n]/.test(text.slice(1)) ? text.slice(1).trim() : text;
}

/** Streams the parts of one zip through a SAX parser, counting bytes and giving the event loop its turns. */
class PartReader {
  private lastYield = performance.now();

  constructor(
    private readonly zip: ZipFile,
    private readonly limits: SheetLimits,
  ) {}

  /** Inflates one part into `parser`, in slices, yielding to the event loop every ~10 ms of work. */
  private async parse(entry: Entry, parser: SaxesParser): Promise<void> {
    parser.on('doctype', () => {
      // No part of an .xlsx has a DTD; one can only be there to define entities.
      throw new WorkbookError(pm('platform.import.unreadable'));
    });
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch {
      throw new WorkbookError(pm('platform.import.unreadable'));
    }
    const decoder = new StringDecoder('utf8');
    let bytes = 0;
    let sinceMarkup = 0;
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        // yauzl already refuses more bytes than declared; this holds even if that check were ever off.
        if (bytes > this.limits.maxPartBytes || bytes > entry.uncompressedSize) throw new WorkbookError(pm('platform.import.damaged'));
        for (let at = 0; at < chunk.length; at += 64 * 1024) {
          const text = decoder.write(chunk.subarray(at, at + 64 * 1024));
          // The parser holds a text node whole until its end: a run without markup longer than any cell could be
          // (each character written as an entity) is refused before it is, not after 60 MiB of it.
          const lt = text.lastIndexOf('<');
          sinceMarkup = lt < 0 ? sinceMarkup + text.length : text.length - lt - 1;
          if (sinceMarkup > 8 * this.limits.maxCellChars) throw this.tooLong();
          parser.write(text);
          if (performance.now() - this.lastYield > 10) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            this.lastYield = performance.now();
          }
        }
      }
      parser.write(decoder.end());
      parser.close();
    } catch (err) {
      if (err instanceof WorkbookError) throw err;
      const message = (err as Error).message ?? '';
      // yauzl: the part inflated to more (or fewer) bytes than the central directory declares.
      if (/too (many|few) bytes/.test(message)) throw new WorkbookError(pm('platform.import.damaged'));
      throw new WorkbookError(pm('platform.import.unreadable'));
    } finally {
      stream.destroy();
    }
  }

  async rels(entry: Entry, dir: string): Promise<Rel[]> {
    const out: Rel[] = [];
    const p = new SaxesParser();
    p.on('opentag', (tag) => {
      if (local(tag.name) !== 'Relationship' || attr(tag, 'TargetMode') === 'External') return;
      const target = attr(tag, 'Target');
      if (target) out.push({ id: attr(tag, 'Id') ?? '', type: attr(tag, 'Type') ?? '', target: resolveTarget(dir, target) });
    });
    await this.parse(entry, p);
    return out;
  }

  async workbook(entry: Entry): Promise<{ firstSheetRel: string | undefined; date1904: boolean }> {
    let firstSheetRel: string | undefined;
    let date1904 = false;
    const p = new SaxesParser();
    p.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'workbookPr') date1904 = ['1', 'true'].includes(attr(tag, 'date1904') ?? '');
      else if (name === 'sheet' && firstSheetRel === undefined) firstSheetRel = attr(tag, 'id', true);
    });
    await this.parse(entry, p);
    return { firstSheetRel, date1904 };
  }

  /** The cell styles (indexes into cellXfs) whose number format is a date or time. */
  async dateStyles(entry: Entry): Promise<Set<number>> {
    const custom = new Map<number, string>();
    const xfFormats: number[] = [];
    let inCellXfs = false;
    const p = new SaxesParser();
    p.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'numFmt') custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
      else if (name === 'cellXfs') inCellXfs = !tag.isSelfClosing;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attr(tag, 'numFmtId') ?? 0));
    });
    p.on('closetag', (tag) => {
      if (local(tag.name) === 'cellXfs') inCellXfs = false;
    });
    await this.parse(entry, p);
    const dates = new Set<number>();
    xfFormats.forEach((id, i) => {
      const code = custom.get(id);
      if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) dates.add(i);
    });
    return dates;
  }

  private tooLong(): WorkbookError {
    return new WorkbookError(pm('platform.import.cell_too_long', { max: this.limits.maxCellChars }));
  }

  /** The shared string table: each item's text (rich-text runs joined; phonetic guides left out). */
  async sharedStrings(entry: Entry): Promise<string[]> {
    const out: string[] = [];
    let current: string | null = null;
    let inT = false;
    let phonetic = 0;
    const p = new SaxesParser();
    const text = (t: string) => {
      if (current === null || !inT || phonetic) return;
      current += t;
      if (current.length > this.limits.maxCellChars) throw this.tooLong();
    };
    p.on('opentag', (tag) => {
      const name = local(tag.name);
      if (name === 'si') current = '';
      else if (name === 'rPh') phonetic++;
      else if (name === 't') inT = !tag.isSelfClosing;
    });
    p.on('closetag', (tag) => {
      const name = local(tag.name);
      if (name === 'si') {
        out.push(current ?? '');
        current = null;
      } else if (name === 'rPh') phonetic--;
      else if (name === 't') inT = false;
    });
    p.on('text', text);
    p.on('cdata', text);
    await this.parse(entry, p);
    return out;
  }

  async sheet(entry: Entry, ctx: { strings: string[]; dateStyles: Set<number>; date1904: boolean }): Promise<Sheet> {
    const { maxRows, maxColumns, maxCellChars } = this.limits;
    let headers: string[] | null = null;
    const rows: Sheet['rows'] = [];
    let rowNumber = 0;
    let cells: string[] = [];
    let column = 0;
    let type = 'n';
    let style = 0;
    let value = '';
    let inline = '';
    let capture: 'v' | 't' | null = null;
    let inInline = false;
    let phonetic = 0;
    let skip = false;
    /** The widest row we keep: the header's width once known; before it, one past the limit to notice a wider one. */
    const width = () => (headers ? headers.length : maxColumns + 1);

    const p = new SaxesParser();
    const text = (t: string) => {
      if (skip || phonetic) return;
      if (capture === 'v') value += t;
      else if (capture === 't' && inInline) inline += t;
      else return;
      if (value.length > maxCellChars || inline.length > maxCellChars) throw this.tooLong();
    };
    p.on('opentag', (tag) => {
      switch (local(tag.name)) {
        case 'row': {
          const r = Number(attr(tag, 'r'));
          rowNumber = Number.isInteger(r) && r > 0 ? r : rowNumber + 1;
          cells = [];
          column = 0;
          break;
        }
        case 'c': {
          const c = columnOf(attr(tag, 'r'));
          column = c > 0 ? c : column + 1;
          type = attr(tag, 't') ?? 'n';
          style = Number(attr(tag, 's') ?? 0);
          value = '';
          inline = '';
          // Cells right of the header (or of any sheet's reasonable width) are never read: their text is dropped.
          skip = column > width() || (rowNumber !== 1 && headers === null);
          break;
        }
        case 'v':
          capture = 'v';
          break;
        case 'is':
          inInline = true;
          break;
        case 't':
          capture = 't';
          break;
        case 'rPh':
          phonetic++;
          break;
      }
    });
    p.on('closetag', (tag) => {
      switch (local(tag.name)) {
        case 'v':
        case 't':
          capture = null;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c':
          if (!skip) cells[column - 1] = this.cellText(type, style, value, inline, ctx);
          skip = false;
          break;
        case 'row':
          if (rowNumber === 1) {
            const h = Array.from(cells, (c) => c ?? '');
            while (h.length && h[h.length - 1] === '') h.pop();
            if (h.length > maxColumns) throw new WorkbookError(pm('platform.import.too_many_columns', { max: maxColumns }));
            headers = h;
          } else if (rowNumber > 1 && headers) {
            const hs: string[] = headers;
            const row = hs.map((_, i) => cells[i] ?? '');
            if (row.every((c) => c === '')) break; // blank lines people leave in sheets
            rows.push({ row: rowNumber, cells: row });
            if (rows.length > maxRows) throw new WorkbookError(pm('platform.import.too_many_rows', { max: maxRows }));
          }
          break;
      }
    });
    p.on('text', text);
    p.on('cdata', text);
    await this.parse(entry, p);
    return { headers: headers ?? [], rows };
  }

  /** A cell's value as trimmed text ('' for empty), as it showed in Excel: shared or inline string, number, date. */
  private cellText(type: string, style: number, value: string, inline: string, ctx: { strings: string[]; dateStyles: Set<number>; date1904: boolean }): string {
    switch (type) {
      case 's': {
        const s = ctx.strings[Number(value)];
        return s === undefined ? '' : unneutralise(s.trim());
      }
      case 'inlineStr':
        return unneutralise(inline.trim());
      case 'str':
        return unneutralise(value.trim());
      case 'b':
        return value.trim() === '1' ? 'true' : value.trim() === '0' ? 'false' : value.trim();
      case 'e':
        return value.trim();
      case 'd': {
        const d = new Date(value.trim());
        return Number.isNaN(d.getTime()) ? value.trim() : d.toISOString().slice(0, 10);
      }
      default: {
        const v = value.trim();
        if (v === '') return '';
        const n = Number.parseFloat(v);
        if (Number.isNaN(n)) return v;
        return ctx.dateStyles.has(style) ? serialToDate(n, ctx.date1904) : String(n);
      }
    }
  }
}
