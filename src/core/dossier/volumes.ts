import type { CompiledVolumeDto, Volume } from '../../contract';
import type { Db } from '../store/db';

interface Row {
  volume: Volume;
  edition: number;
  item_count: number;
  page_count: number;
  layout: string;
  signed_at: string;
  compiled_by: string;
  compiled_at: string;
  file_id: number;
  name: string;
  sha256: string;
  size: number;
  media_type: string;
}

/** The current compiled volumes of a case: those made since the dossier last changed. */
export function compiledVolumes(db: Db, caseId: number): CompiledVolumeDto[] {
  const rows = db
    .prepare(
      `SELECT v.*, f.name, f.sha256, f.size, f.media_type FROM dossier_volumes v JOIN files f ON f.id = v.file_id
       WHERE v.case_id = ? AND v.is_current = 1 ORDER BY CASE v.volume WHEN '正卷' THEN 0 ELSE 1 END`,
    )
    .all(caseId) as Row[];
  return rows.map((r) => ({
    volume: r.volume,
    edition: r.edition,
    file: { id: String(r.file_id), name: r.name, sha256: r.sha256, size: r.size, mediaType: r.media_type },
    itemCount: r.item_count,
    pageCount: r.page_count,
    ...layoutOf(r.layout),
    signedAt: r.signed_at,
    compiledBy: r.compiled_by,
    compiledAt: r.compiled_at,
  }));
}

interface StoredLayout {
  ranges: { recordId: string; title: string; pageRange: string }[];
  formPages: CompiledVolumeDto['formPages'];
}

function layoutOf(json: string): Pick<CompiledVolumeDto, 'ranges' | 'formPages'> {
  const layout = JSON.parse(json) as StoredLayout;
  return { ranges: layout.ranges.map(({ recordId, title, pageRange }) => ({ recordId, title, pageRange })), formPages: layout.formPages };
}
