import { acceptOf, type FileKind } from '../files';

/**
 * The documents of a certification (申请表, 评审报告, photos of the line …) as files: the kinds a document may be and
 * the bounds. Zod-free, so the web imports it at run time (`@gearbridge/contracts/park/documents`).
 */
export const CERT_FILE_KINDS = ['pdf', 'png', 'jpeg', 'webp', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt'] as const satisfies readonly FileKind[];
export type CertFileKind = (typeof CERT_FILE_KINDS)[number];
/** What the file picker offers (the server decides by the content). */
export const CERT_FILE_ACCEPT = acceptOf(CERT_FILE_KINDS);
/** One document at most 20 MiB, at most 20 on a certification, an enterprise's documents together at most 1 GiB. */
export const CERT_FILE_LIMITS = { bytes: 20 * 1024 * 1024, perCertification: 20, perOrgBytes: 1024 * 1024 * 1024 } as const;
