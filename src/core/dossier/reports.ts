import type { ArchiveReportDto, FourPropertyItemDto } from '../../contract';
import type { Db } from '../store/db';
import { archivalCode, formatVolumeNumber } from './numbers';

interface Row {
  case_id: number;
  passed: number;
  items: string;
  checked_by: string;
  checked_at: string;
  pdf_id: number;
  pdf_name: string;
  pdf_sha256: string;
  pdf_size: number;
  json_id: number;
  json_name: string;
  json_sha256: string;
  json_size: number;
  class_code: string | null;
  volume_year: number | null;
  volume_serial: number | null;
  archived_at: string | null;
  fonds_number: string;
}

/** The latest 四性检测 report of a case, or null before any acceptance was tried. */
export function latestArchiveReport(db: Db, caseId: number): ArchiveReportDto | null {
  const r = db
    .prepare(
      `SELECT a.case_id, a.passed, a.items, a.checked_by, a.checked_at,
              p.id AS pdf_id, p.name AS pdf_name, p.sha256 AS pdf_sha256, p.size AS pdf_size,
              j.id AS json_id, j.name AS json_name, j.sha256 AS json_sha256, j.size AS json_size,
              d.class_code, d.volume_year, d.volume_serial, d.archived_at, u.fonds_number
       FROM archive_reports a JOIN files p ON p.id = a.pdf_file_id JOIN files j ON j.id = a.json_file_id
       JOIN dossier_drafts d ON d.case_id = a.case_id, unit u
       WHERE a.case_id = ? ORDER BY a.id DESC LIMIT 1`,
    )
    .get(caseId) as Row | undefined;
  if (!r) return null;
  const volume = r.volume_year ? { year: r.volume_year, serial: r.volume_serial! } : null;
  return {
    caseId: String(r.case_id),
    passed: r.passed === 1,
    state: r.archived_at ? '已归档' : '已组卷',
    volumeNumber: volume ? formatVolumeNumber(volume) : '',
    archivalCode: volume && r.class_code ? archivalCode(r.fonds_number, r.class_code, volume) : '',
    items: JSON.parse(r.items) as FourPropertyItemDto[],
    reportPdf: { id: String(r.pdf_id), name: r.pdf_name, sha256: r.pdf_sha256, size: r.pdf_size, mediaType: 'application/pdf' },
    reportJson: { id: String(r.json_id), name: r.json_name, sha256: r.json_sha256, size: r.json_size, mediaType: 'application/json' },
    checkedBy: r.checked_by,
    checkedAt: r.checked_at,
  };
}
