/**
 * The born-digital PDF support (`pdf/import`, decision 0009), loaded when a PDF record is first met
 * rather than when the core starts: it brings pdf-lib, whose evaluation took 0.27 s on an idle
 * 2-core machine, and most calls (and most records, which are scans) never need it.
 */
export function loadBornDigital(): Promise<typeof import('./import')> {
  return import('./import');
}
