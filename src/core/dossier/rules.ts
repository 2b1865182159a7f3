import type { StampPosition, UnitRules } from '../../contract';
import type { Db } from '../store/db';
import { DEFAULT_BINDING_TEMPLATE } from './binding';
import { DEFAULT_REQUIRED_RECORDS } from './requiredRecords';

/**
 * The unit's dossier rules as data (issue 4 items 1, 2, 5): a unit whose practice differs edits them
 * instead of waiting for a new release. Rows absent from unit_rules fall back to the defaults here.
 */
export const DEFAULT_RULES: UnitRules = {
  bindingTemplate: DEFAULT_BINDING_TEMPLATE,
  requiredRecords: DEFAULT_REQUIRED_RECORDS,
  stampPosition: 'top-outer',
};

const NAMES = { bindingTemplate: 'binding-template', requiredRecords: 'required-records', stampPosition: 'stamp-position' } as const;

export function unitRules(db: Db): UnitRules {
  const rows = db.prepare('SELECT name, value FROM unit_rules').all() as { name: string; value: string }[];
  const stored = new Map(rows.map((r) => [r.name, JSON.parse(r.value) as unknown]));
  return {
    bindingTemplate: (stored.get(NAMES.bindingTemplate) as UnitRules['bindingTemplate'] | undefined) ?? DEFAULT_RULES.bindingTemplate,
    requiredRecords: (stored.get(NAMES.requiredRecords) as UnitRules['requiredRecords'] | undefined) ?? DEFAULT_RULES.requiredRecords,
    stampPosition: (stored.get(NAMES.stampPosition) as StampPosition | undefined) ?? DEFAULT_RULES.stampPosition,
  };
}

export function saveUnitRules(db: Db, patch: Partial<UnitRules>, by: string, at: string): void {
  const upsert = db.prepare(
    'INSERT INTO unit_rules (name, value, updated_by, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at',
  );
  for (const key of Object.keys(NAMES) as (keyof typeof NAMES)[]) {
    if (patch[key] !== undefined) upsert.run(NAMES[key], JSON.stringify(patch[key]), by, at);
  }
}
