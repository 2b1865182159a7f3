export { drawArchivalCover, drawDossierCover } from './covers';
export type { ArchivalCoverData, DossierCoverData } from './covers';
export { drawContents } from './contents';
export type { ContentsRow } from './contents';
export { drawRemarksSheet } from './remarks';
export type { RemarksData } from './remarks';
export { drawPageStamp } from './stamp';
export { A4, chineseDate, compactDate } from './layout';
