/**
 * GS1 symbols by bwip-js (Barcode Writer in Pure PostScript, which also lints the element string: AIs, lengths,
 * check digits, dates): GS1 DataMatrix for a unit's product identifier, GS1-128 for a pallet's SSCC. As PNG or
 * SVG for a screen, and as module geometry (`gs1Matrix`, `gs1Linear`) that a PDF draws as vector rectangles, so
 * a label printer gets sharp module edges at any resolution.
 */
import bwipjs from 'bwip-js';
import { checkElements, type Gs1Element, humanReadable } from './gs1';

export type Gs1Symbology = 'gs1datamatrix' | 'gs1-128';

/** A matrix symbol: `dark[row * columns + column]`, row 0 on top; quiet zone not included. */
export interface MatrixSymbol {
  columns: number;
  rows: number;
  dark: Uint8Array;
}

/** A linear symbol: bars as [start, width] in modules from the left edge of the start character; quiet zones not included. */
export interface LinearSymbol {
  modules: number;
  bars: [number, number][];
}

/** Quiet zones, in modules: GS1-128 10X each side (ISO/IEC 15417), GS1 DataMatrix 1X all round (ISO/IEC 16022; 2X here, kinder to phone cameras). */
export const QUIET_ZONE = { 'gs1-128': 10, gs1datamatrix: 2 } as const;

export interface RasterOptions {
  /** bwip-js's scale, 1–10: a GS1 DataMatrix module is 2 × scale pixels (PNG) or units (SVG), a GS1-128 module scale. Default 2. */
  scale?: number;
  /** GS1-128 only: bar height in modules (default 60, 10–200). */
  barHeight?: number;
}

function renderOptions(symbology: Gs1Symbology, elements: readonly Gs1Element[], opts: RasterOptions): bwipjs.RenderOptions {
  const text = humanReadable(checkElements(elements));
  const scale = opts.scale ?? 2;
  if (!Number.isInteger(scale) || scale < 1 || scale > 10) throw new RangeError('scale 1–10');
  const quiet = QUIET_ZONE[symbology];
  // bwip-js units at scale 1: a matrix module is 2 units, a linear module 1; `height` is in millimetres at 72 units per inch; padding is in units.
  if (symbology === 'gs1datamatrix') return { bcid: symbology, text, scale, paddingwidth: 2 * quiet, paddingheight: 2 * quiet, backgroundcolor: 'FFFFFF' };
  const barHeight = Math.min(Math.max(opts.barHeight ?? 60, 10), 200);
  return { bcid: symbology, text, scale, height: (barHeight * 25.4) / 72, paddingwidth: quiet, paddingheight: 2, backgroundcolor: 'FFFFFF' };
}

/** The symbol as a PNG (black on white, quiet zone included). */
export function gs1SymbolPng(symbology: Gs1Symbology, elements: readonly Gs1Element[], opts: RasterOptions = {}): Promise<Buffer> {
  return bwipjs.toBuffer(renderOptions(symbology, elements, opts));
}

/** The symbol as an SVG document (quiet zone included). */
export function gs1SymbolSvg(symbology: Gs1Symbology, elements: readonly Gs1Element[], opts: RasterOptions = {}): string {
  return bwipjs.toSVG(renderOptions(symbology, elements, opts));
}

/** The GS1 DataMatrix's modules (ECC 200, FNC1 first: the GS1 form). */
export function gs1Matrix(elements: readonly Gs1Element[]): MatrixSymbol {
  const [raw] = bwipjs.raw({ bcid: 'gs1datamatrix', text: humanReadable(checkElements(elements)) });
  if (!raw || !('pixs' in raw)) throw new Error('bwip-js gave no matrix');
  return { columns: raw.pixx, rows: raw.pixy, dark: Uint8Array.from(raw.pixs) };
}

/** The GS1-128 symbol's bars (Code 128 with FNC1 after the start character). */
export function gs1Linear(elements: readonly Gs1Element[]): LinearSymbol {
  const [raw] = bwipjs.raw({ bcid: 'gs1-128', text: humanReadable(checkElements(elements)) });
  if (!raw || !('sbs' in raw)) throw new Error('bwip-js gave no bars');
  const bars: [number, number][] = [];
  let x = 0;
  raw.sbs.forEach((w, i) => {
    if (i % 2 === 0) bars.push([x, w]);
    x += w;
  });
  return { modules: x, bars };
}
