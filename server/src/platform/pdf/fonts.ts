import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The fonts every PDF uses: Noto Sans SC (SIL Open Font License 1.1) as static TrueType files from the npm package
 * @expo-google-fonts/noto-sans-sc, so a fresh machine needs nothing else. TrueType outlines embed as /FontFile2 and
 * fontkit subsets them to the glyphs used (a label carries a few KB of font); it covers Latin, digits and the
 * GB 2312 hanzi. Why this package and not another: ARCHITECTURE.md, Decisions.
 */
export const PDF_FONTS = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
export type PdfFont = keyof typeof PDF_FONTS;

const require = createRequire(import.meta.url);
const loaded = new Map<PdfFont, Buffer>();

/** The font file's bytes, read once per process (about 10 MB each; fontkit parses only the tables it needs). */
export function fontBytes(font: PdfFont): Buffer {
  let bytes = loaded.get(font);
  if (!bytes) loaded.set(font, (bytes = readFileSync(require.resolve(PDF_FONTS[font]))));
  return bytes;
}
