import { describe, expect, it } from 'vitest';
import { startupErrorMessage } from '../../src/main/startupError';

describe('startupErrorMessage', () => {
  it('names the data folder, the likely causes and the technical detail', () => {
    const message = startupErrorMessage('/home/u/.local/share/dossier-workstation', new Error('database is locked'));
    expect(message).toContain('/home/u/.local/share/dossier-workstation');
    expect(message).toContain('另一个工作站程序');
    expect(message).toContain('database is locked');
    expect(startupErrorMessage('/d', 'plain')).toContain('plain');
  });
});
