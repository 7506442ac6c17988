import { ATTACHMENT_KINDS, type AttachmentKind } from '@gearbridge/contracts/trade';
import { sniffFileKind } from '../../platform/files';

/**
 * What a drawing file is, by its content — never by its name or the type the browser claims (platform/files.ts
 * recognises the formats): a PDF, DWG, DXF, STEP or a picture; anything else, an office file too, is null.
 */
export const drawingKind = (buf: Buffer): AttachmentKind | null => sniffFileKind(buf, ATTACHMENT_KINDS) as AttachmentKind | null;
