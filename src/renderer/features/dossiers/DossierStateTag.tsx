import { Tag } from 'antd';
import type { DossierState } from '../../../contract';
import { DOSSIER_STATE_COLORS } from './dossierModel';

export function DossierStateTag({ state }: { state: DossierState }) {
  return (
    <Tag color={DOSSIER_STATE_COLORS[state]} data-testid="dossier-state">
      {state}
    </Tag>
  );
}
