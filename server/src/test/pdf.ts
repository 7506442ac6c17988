import { inflateSync } from 'node:zlib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Test helpers that read a PDF back with independent readers: pdf.js (Mozilla's) for pages and text, and a plain
 * scan of the file's objects for its fonts — pdfkit writes every object uncompressed at top level (only streams
 * are deflated), so a font's dictionaries can be read as text.
 */
export interface PdfReadBack {
  pages: number;
  /** Each page's text, its items joined by spaces. */
  text: string[];
  /** Each page's size in points [width, height]. */
  sizes: [number, number][];
}

export async function readPdf(pdf: Buffer): Promise<PdfReadBack> {
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0, disableFontFace: true, useSystemFonts: false });
  try {
    const doc = await task.promise;
    const text: string[] = [];
    const sizes: [number, number][] = [];
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      sizes.push([x1 - x0, y1 - y0]);
      const content = await page.getTextContent();
      text.push(
        content.items
          .map((it) => ('str' in it ? it.str : ''))
          .join(' ')
          .replace(/\s+/g, ' ')
          .trim(),
      );
    }
    return { pages: doc.numPages, text, sizes };
  } finally {
    await task.destroy();
  }
}

export interface PdfFontObject {
  baseFont: string;
  subtype: string;
  /** The embedded font program's key in the descriptor: FontFile (Type 1), FontFile2 (TrueType), FontFile3 (CFF/OpenType), or null. */
  fontFile: 'FontFile' | 'FontFile2' | 'FontFile3' | null;
  /** The embedded program's size in bytes, inflated. */
  fontFileBytes: number;
}

const objects = (pdf: string) => {
  const map = new Map<number, string>();
  for (const hit of pdf.matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) map.set(Number(hit[1]), hit[2]!);
  return map;
};

/** Every font a page can use (`/Type /Font` objects that are not a Type0's descendant), with what embeds it. */
export function pdfFonts(pdf: Buffer): PdfFontObject[] {
  const all = objects(pdf.toString('latin1'));
  const ref = (dict: string, key: string) => {
    const hit = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return hit ? all.get(Number(hit[1])) : undefined;
  };
  const fonts: PdfFontObject[] = [];
  for (const body of all.values()) {
    if (!/\/Type \/Font\b/.test(body) || /\/Subtype \/CIDFontType[02]/.test(body)) continue;
    const subtype = /\/Subtype \/(\w+)/.exec(body)?.[1] ?? '';
    const baseFont = /\/BaseFont \/([^\s/]+)/.exec(body)?.[1] ?? '';
    // A Type0 font's program hangs off its descendant CIDFont's descriptor.
    const descendants = /\/DescendantFonts \[(\d+) 0 R\]/.exec(body);
    const holder = descendants ? (all.get(Number(descendants[1])) ?? '') : body;
    const descriptor = ref(holder, 'FontDescriptor') ?? '';
    const key = (['FontFile', 'FontFile2', 'FontFile3'] as const).find((k) => new RegExp(`/${k} \\d+ 0 R`).test(descriptor)) ?? null;
    let fontFileBytes = 0;
    if (key) {
      const stream = ref(descriptor, key) ?? '';
      const at = stream.indexOf('stream\n');
      const raw = Buffer.from(stream.slice(at + 7, stream.lastIndexOf('\nendstream')), 'latin1');
      fontFileBytes = /\/FlateDecode/.test(stream) ? inflateSync(raw).length : raw.length;
    }
    fonts.push({ baseFont, subtype, fontFile: key, fontFileBytes });
  }
  return fonts;
}

/** pdf.js's canvas factory (Node: @napi-rs/canvas); not in its public types. */
interface CanvasFactory {
  create(
    width: number,
    height: number,
  ): {
    canvas: { width: number; height: number; toBuffer(mime: 'image/png'): Buffer };
    context: { getImageData(x: number, y: number, w: number, h: number): { width: number; height: number; data: Uint8ClampedArray } };
  };
}

/** Renders one page (1-based) with pdf.js at `pxPerMm` pixels a millimetre: RGBA, and the PNG for a person to look at. */
export async function renderPdfPage(pdf: Buffer, pageNo: number, pxPerMm: number): Promise<{ width: number; height: number; data: Uint8ClampedArray; png: Buffer }> {
  const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0, disableFontFace: true, useSystemFonts: false });
  try {
    const doc = await task.promise;
    const page = await doc.getPage(pageNo);
    const viewport = page.getViewport({ scale: (pxPerMm * 25.4) / 72 });
    const factory = (doc as unknown as { canvasFactory: CanvasFactory }).canvasFactory;
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({ canvasContext: context, viewport, canvas } as unknown as Parameters<typeof page.render>[0]).promise;
    const img = context.getImageData(0, 0, canvas.width, canvas.height);
    return { width: img.width, height: img.height, data: img.data, png: canvas.toBuffer('image/png') };
  } finally {
    await task.destroy();
  }
}
