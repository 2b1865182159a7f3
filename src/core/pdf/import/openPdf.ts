import { inspectSource } from './checkPdf';
import type { BornDigitalPdf } from './importPage';
import { loadSource, SourceUnreadable } from './loadSource';

/** A born-digital PDF was refused; `problems` are the Chinese reasons, each naming the file. */
export class BornDigitalPdfRefused extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/**
 * Opens a born-digital PDF for `drawImportedPage`, making the same checks as `checkBornDigitalPdf`
 * again, so that a file changed between the check and the compilation cannot slip through.
 */
export async function openBornDigitalPdf(file: string, name?: string): Promise<BornDigitalPdf> {
  let source;
  try {
    source = await loadSource(file, name);
  } catch (error) {
    if (error instanceof SourceUnreadable) throw new BornDigitalPdfRefused([error.message]);
    throw error;
  }
  const check = inspectSource(source);
  if (!check.ok) throw new BornDigitalPdfRefused(check.problems);
  return { ...source, accepted: true };
}
