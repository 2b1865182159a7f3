import packageJson from '../../../../package.json' with { type: 'json' };
import type { Db } from '../../store/db';
import type { CertificateData } from './certificateStore';

/** The signed document: the register's fields and, said plainly, what the method cannot guarantee. */
export type SignedCertificate = CertificateData & { limits: string[] };

/** NIST SP 800-88 App. G "Tool Used (include version)": this application as installed. */
export const TOOL = { name: packageJson.productName, version: packageJson.version };

/** `QC-2026-0007`: the year of issue and the year's next serial, as the register numbers them. */
export function nextCertificateNumber(db: Db, year: number): string {
  const prefix = `QC-${year}-`;
  const row = db.prepare("SELECT max(CAST(substr(number, 9) AS INTEGER)) AS n FROM sanitization_certificates WHERE number LIKE ? || '%'").get(prefix) as { n: number | null };
  return `${prefix}${String((row.n ?? 0) + 1).padStart(4, '0')}`;
}
