import { qualityError } from './errors';

/**
 * The lines of a text file (LF or CRLF, the CR dropped), refusing one with more than `max` lines without building
 * more than `max` strings: blank lines after the last allowed one do not count.
 */
export function boundedLines(text: string, max: number): string[] {
  const lines: string[] = [];
  let from = 0;
  while (from < text.length) {
    let to = text.indexOf('\n', from);
    if (to === -1) to = text.length;
    if (lines.length >= max) {
      if (text.slice(from).trim() === '') break;
      throw qualityError('factory.import.too_many_lines', { max });
    }
    lines.push(text.slice(from, to).replace(/\r$/, ''));
    from = to + 1;
  }
  return lines;
}
