import type { FastifyReply } from 'fastify';
import { localDay } from '../time';
import { XLSX_MIME } from './workbook';

/**
 * Sends a file as a download named `<name>-<China day>.<ext>`; the Chinese file name travels in filename*
 * (RFC 6266), the ASCII one beside it.
 */
export async function sendDownload(reply: FastifyReply, mime: string, ext: string, asciiName: string, name: string, buf: Buffer) {
  const stamp = localDay();
  return reply
    .type(mime)
    .header('content-disposition', `attachment; filename="${asciiName}-${stamp}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}-${stamp}`)}.${ext}`)
    .send(buf);
}

/** Sends a workbook as a download (see sendDownload). */
export const sendXlsx = (reply: FastifyReply, asciiName: string, name: string, buf: Buffer) => sendDownload(reply, XLSX_MIME, 'xlsx', asciiName, name, buf);
