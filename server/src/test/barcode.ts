import { BinaryBitmap, Code128Reader, DataMatrixReader, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { PNG } from 'pngjs';

/** An RGBA raster, as pngjs and a canvas's getImageData give it. */
export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** A rectangle of a raster, in pixels. */
export interface Crop {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Decodes a barcode with ZXing (a reader independent of bwip-js) and gives its text as a scanner would type it:
 * ZXing gives each FNC1 of a DataMatrix as GS (the leading one too), and with ASSUME_GS1 a Code 128's leading FNC1
 * as the symbology identifier ]C1. ZXing's detector finds the symbol as a camera would (its "pure barcode" mode
 * samples at a fixed pitch and misreads a module of 7.2 pixels); the crop keeps a label's text out of its view.
 */
export function decodeBarcode(img: Rgba, kind: 'datamatrix' | 'code128' | 'qrcode', crop: Crop = { x: 0, y: 0, width: img.width, height: img.height }): string {
  const grey = new Uint8ClampedArray(crop.width * crop.height);
  for (let y = 0; y < crop.height; y++)
    for (let x = 0; x < crop.width; x++) {
      const i = 4 * ((crop.y + y) * img.width + crop.x + x);
      // Transparent pixels (a canvas's unpainted background) are paper.
      const a = img.data[i + 3]! / 255;
      const lum = (img.data[i]! * 299 + img.data[i + 1]! * 587 + img.data[i + 2]! * 114) / 1000;
      grey[y * crop.width + x] = a * lum + (1 - a) * 255;
    }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(grey, crop.width, crop.height)));
  const reader = kind === 'datamatrix' ? new DataMatrixReader() : kind === 'qrcode' ? new QRCodeReader() : new Code128Reader();
  const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.ASSUME_GS1, true]]);
  return reader.decode(bitmap, hints).getText();
}

export const decodePng = (png: Buffer, kind: 'datamatrix' | 'code128' | 'qrcode'): string => decodeBarcode(PNG.sync.read(png), kind);
