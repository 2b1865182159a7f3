import type { z } from 'zod';
import * as s from './schemas';
import * as a from './accessSchemas';
import * as m from './mediaSchemas';
import * as e from './erecordsSchemas';
import type * as d from './dto';

/**
 * The one method list. It drives the preload, the IPC transport, the HTTP host and the CLI;
 * `test/contract/methods.test.ts` proves it agrees with `ArchiveApi` and with the core.
 * To add a method: add its request schema here, its response type in `ResponseOf`, and a handler
 * in the feature's `handlers.ts` under `src/core`.
 */
export const REQUEST_SCHEMAS = {
  'setup.status': s.emptySchema,
  'setup.initialize': s.setupInitializeSchema,
  'auth.login': s.loginSchema,
  'auth.logout': s.emptySchema,
  'auth.session': s.emptySchema,
  'auth.changePassword': s.changePasswordSchema,
  'users.list': s.emptySchema,
  'users.create': s.userCreateSchema,
  'users.update': s.userUpdateSchema,
  'users.setRoles': s.userSetRolesSchema,
  'users.resetPassword': s.userResetPasswordSchema,
  'users.unlock': s.userIdSchema,
  'users.directory': s.emptySchema,
  'catalog.list': s.emptySchema,
  'cases.list': s.caseListSchema,
  'cases.get': s.caseRefSchema,
  'cases.create': s.caseInputSchema,
  'cases.update': s.caseUpdateSchema,
  'cases.importFolder': s.caseImportSchema,
  'records.add': s.recordAddSchema,
  'records.update': s.recordUpdateSchema,
  'records.remove': s.recordRemoveSchema,
  'audit.list': s.auditListSchema,
  'audit.verify': s.auditVerifySchema,
  'audit.checkpoint': s.emptySchema,
  'fixity.run': s.jobStartSchema,
  'signing.status': s.emptySchema,
  'signing.exportCertificate': s.emptySchema,
  'pdf.verify': s.pdfVerifySchema,
  'scans.convert': s.scanConvertSchema,
  'records.convert': s.recordConvertSchema,
  'records.strike': s.recordStrikeSchema,
  'records.addScans': s.recordAddScansSchema,
  'records.pages': s.recordRefSchema,
  'records.rotatePage': s.recordRotatePageSchema,
  'records.arrangePages': s.recordArrangePagesSchema,
  'records.ocr': s.recordOcrSchema,
  'signing.importPkcs12': s.signingImportSchema,
  'signing.rotate': s.emptySchema,
  'signing.unlock': s.keyPassphraseSchema,
  'dossiers.get': s.dossierRefSchema,
  'dossiers.update': s.dossierUpdateSchema,
  'dossiers.arrange': s.dossierArrangeSchema,
  'dossiers.check': s.dossierCheckSchema,
  'dossiers.compile': s.dossierCompileSchema,
  'dossiers.archive': s.dossierArchiveSchema,
  'cases.importSample': s.jobStartSchema,
  'dossiers.appendRecord': s.dossierAppendSchema,
  'rules.get': s.emptySchema,
  'rules.defaults': s.emptySchema,
  'rules.update': s.unitRulesUpdateSchema,
  'jobs.list': s.emptySchema,
  'jobs.cancel': s.jobIdSchema,
  'terminals.current': s.emptySchema,
  'terminals.list': s.emptySchema,
  'terminals.designate': s.terminalDesignateSchema,
  'access.request': a.accessRequestSchema,
  'access.list': a.accessListSchema,
  'access.get': a.accessRequestRefSchema,
  'access.approve': a.accessApproveSchema,
  'access.reject': a.accessRejectSchema,
  'access.withdraw': a.accessRequestRefSchema,
  'access.revoke': a.accessRevokeSchema,
  'access.renew': a.accessRenewSchema,
  'access.pledge': a.accessPledgeSchema,
  'access.explain': a.accessExplainSchema,
  'access.settings': s.emptySchema,
  'access.updateSettings': a.accessSettingsUpdateSchema,
  'reading.open': a.readingOpenSchema,
  'reading.page': a.readingPageSchema,
  'reading.close': a.readingRefSchema,
  'reading.print': a.readingPrintSchema,
  'reading.export': a.readingExportSchema,
  'media.settings': s.emptySchema,
  'media.updateSettings': m.mediaSettingsUpdateSchema,
  'media.list': m.mediaListSchema,
  'media.get': m.mediumRefSchema,
  'media.register': m.mediaRegisterSchema,
  'media.update': m.mediaUpdateSchema,
  'media.setStatus': m.mediaSetStatusSchema,
  'media.label': m.mediaLabelSchema,
  'media.identify': m.mediaIdentifySchema,
  'media.check': m.mediaCheckSchema,
  'media.checkout': m.mediaCheckoutSchema,
  'media.wipeRequest': m.mediaWipeRequestSchema,
  'media.requests': m.mediaRequestsSchema,
  'media.approve': m.mediaApproveSchema,
  'media.reject': m.mediaRejectSchema,
  'media.withdraw': m.mediaRequestRefSchema,
  'media.handover': m.mediaHandoverSchema,
  'media.return': m.mediaReturnSchema,
  'media.writeRecords': m.mediaWriteRecordsSchema,
  'media.wipePlan': m.mediumRefSchema,
  'media.wipe': m.mediaWipeSchema,
  'media.wipeFiles': m.mediaWipeFilesSchema,
  'media.cryptoErase': m.mediaCryptoEraseSchema,
  'media.recordDestruction': m.mediaRecordDestructionSchema,
  'media.certificates': m.mediaCertificatesSchema,
  'erecords.list': e.erecordListSchema,
  'erecords.get': e.erecordRefSchema,
  'erecords.register': e.erecordRegisterSchema,
  'erecords.requestDisposal': e.erecordDisposalRequestSchema,
  'erecords.disposals': s.emptySchema,
  'erecords.approveDisposal': e.erecordDisposalApproveSchema,
  'erecords.rejectDisposal': e.erecordDisposalRejectSchema,
} as const;

export type MethodName = keyof typeof REQUEST_SCHEMAS;
export const METHOD_NAMES = Object.keys(REQUEST_SCHEMAS) as MethodName[];

export type RequestOf<M extends MethodName> = z.input<(typeof REQUEST_SCHEMAS)[M]>;
export type ParsedRequestOf<M extends MethodName> = z.output<(typeof REQUEST_SCHEMAS)[M]>;

export interface ResponseMap {
  'setup.status': d.SetupStatus;
  'setup.initialize': d.SessionInfo;
  'auth.login': d.SessionInfo;
  'auth.logout': null;
  'auth.session': d.SessionInfo | null;
  'auth.changePassword': null;
  'users.list': d.UserDto[];
  'users.create': d.UserDto;
  'users.update': d.UserDto;
  'users.setRoles': d.UserDto;
  'users.resetPassword': null;
  'users.unlock': d.UserDto;
  /** Names and departments of active people, for linking handlers; any signed-in user. */
  'users.directory': d.PersonDto[];
  'catalog.list': d.CatalogEntry[];
  'cases.list': d.Page<d.CaseSummary>;
  'cases.get': d.CaseDetail;
  'cases.create': d.CaseDto;
  'cases.update': d.CaseDto;
  'cases.importFolder': d.CaseImportResult;
  'records.add': d.RecordDto;
  'records.update': d.RecordDto;
  'records.remove': null;
  'audit.list': d.Page<d.AuditEntryDto>;
  'audit.verify': d.AuditVerifyResult;
  'audit.checkpoint': d.Checkpoint;
  /** Re-hashes every stored file; progress comes as job events, the report when it ends. */
  'fixity.run': d.FixityReport;
  'signing.status': d.SigningStatus;
  /** The current unit certificate as PEM, for other verifiers to trust (it is public). */
  'signing.exportCertificate': { pem: string; fingerprint: string; subject: string };
  'pdf.verify': d.PdfVerifyResult;
  /** A job: progress as events; the result when the signed, read-only file is in place. */
  'scans.convert': d.ScanConvertResult;
  /** A job like scans.convert; the signed file goes into the file store as the record's next version. */
  'records.convert': d.RecordVersionDto;
  /** Records a strike-through; drawn when the record is next signed. Refused once signed. */
  'records.strike': d.CorrectionDto;
  /** A job: reads each file once (size, resolution, orientation, thumbnail, blank flag), keeps the originals. */
  'records.addScans': d.RecordAddScansResult;
  'records.pages': d.RecordPageDto[];
  'records.rotatePage': d.RecordPageDto;
  'records.arrangePages': d.RecordPageDto[];
  /** A job: OCR stored per page, drawn as the invisible text layer of the next signed version. */
  'records.ocr': d.RecordOcrResult;
  /** The imported certificate becomes current; earlier ones stay trusted so old files still verify. */
  'signing.importPkcs12': d.CertificateInfoDto;
  /** A new unit certificate becomes current; earlier ones stay trusted so old files still verify. */
  'signing.rotate': d.CertificateInfoDto;
  /** On a machine without an OS key store: the passphrase that seals the signing key, for this run. */
  'signing.unlock': d.SigningStatus;
  /** The dossier of a closed case: binding, pagination, covers, remarks sheet and compile-stage checks. */
  'dossiers.get': d.DossierDto;
  'dossiers.update': d.DossierDto;
  'dossiers.arrange': d.DossierDto;
  'dossiers.check': d.DossierFindingDto[];
  /** A job: checks, then one signed PDF/A per volume (covers, contents, numbered pages, remarks sheet). */
  'dossiers.compile': d.DossierCompileResult;
  /** A job: assigns 分类号 and 案卷号, compiles the final volumes, runs the 四性检测, archives if all pass. */
  'dossiers.archive': d.ArchiveReportDto & { jobId: string };
  /** The unit's dossier rules, with the built-in defaults where the unit has not set its own. */
  /** A job: the synthetic sample case imported, its records signed, ready to compile (issue 4 item 8). */
  'cases.importSample': d.CaseImportResult;
  /** A job, archive department: a record appended to an archived dossier with its reason, as a signed supplement. */
  'dossiers.appendRecord': d.DossierSupplementDto & { jobId: string };
  'rules.get': d.UnitRules;
  'rules.defaults': d.UnitRules;
  'rules.update': d.UnitRules;
  'jobs.list': d.JobDto[];
  'jobs.cancel': null;
  /** The caller's terminal: its id, fingerprint and whether it is a designated reading terminal (§4.10.2). */
  'terminals.current': d.CurrentTerminalDto;
  /** Every terminal ever seen, for the security administrator. */
  'terminals.list': d.TerminalDto[];
  /** Designates a seen terminal for reading archived dossiers, or revokes it; audited. */
  'terminals.designate': d.TerminalDto;
  /** A reader asks, at a designated terminal, to read an archived dossier (§4.10.2). */
  'access.request': d.AccessRequestDto;
  /** The caller's own requests, or for the archive department the pending, overdue or all. */
  'access.list': d.AccessRequestDto[];
  'access.get': d.AccessRequestDto;
  /** Archive department, never the asker, password asked again: the grant with its window and flags. */
  'access.approve': d.AccessRequestDto;
  'access.reject': d.AccessRequestDto;
  /** The asker takes back a request that is still pending. */
  'access.withdraw': d.AccessRequestDto;
  'access.revoke': d.AccessRequestDto;
  /** Extends an approved grant from its end (or from now, if it has ended). */
  'access.renew': d.AccessRequestDto;
  /** The reader accepts the confidentiality pledge (§4.10.3) before the first view. */
  'access.pledge': d.AccessRequestDto;
  /** The policy's answer for a person, action, case and terminal, with the reason and the facts. */
  'access.explain': d.AccessExplainDto;
  'access.settings': d.AccessSettingsDto;
  'access.updateSettings': d.AccessSettingsDto;
  /** Opens a reading session over a dossier's compiled volumes; checked and logged. */
  'reading.open': d.ReadingSessionDto;
  /** One page with the watermark burned in; the policy is asked again for every page. */
  'reading.page': d.ReadingPageDto;
  /** Ends the session; the log entry lists the pages viewed. */
  'reading.close': null;
  /** Asks to print pages (print granted); logged with the pages. The pages printed are the watermarked ones. */
  'reading.print': { pages: number[]; watermark: string };
  /** A job: a PDF of the volume with the watermark burned into every page (export granted). */
  'reading.export': d.ReadingExportDto & { jobId: string };
  /** Asset-tag rule and the checkout and wipe approval chains (security administrator sets them). */
  'media.settings': d.MediaSettingsDto;
  'media.updateSettings': d.MediaSettingsDto;
  /** The register (§6.1.3 a), filtered. */
  'media.list': d.MediumDto[];
  /** One medium with its full history, requests and certificates. */
  'media.get': d.MediumDetailDto;
  /** A new asset; with `device`, its signed identity record is written onto it (§6.1.3 e). */
  'media.register': d.MediumDto;
  'media.update': d.MediumDto;
  'media.setStatus': d.MediumDto;
  /** A label sheet (PDF) for the media: tag, 密级, QR code and Code 128 (§6.1.3 b). */
  'media.label': d.FileRef;
  /** Writes the signed identity record onto the medium again (e.g. after wiping). */
  'media.identify': d.MediumDto;
  /** Whatever medium sits at the path: registered, genuine, checked out to the caller; refusals logged. */
  'media.check': d.MediumCheckDto;
  /** Asks to check a medium out; the unit's chain approves it step by step (§6.1.3 c). */
  'media.checkout': d.MediaRequestDto;
  /** Asks for a medium to be sanitized; the unit's wipe chain approves it. */
  'media.wipeRequest': d.MediaRequestDto;
  'media.requests': d.MediaRequestDto[];
  /** Takes the waiting step of a checkout or wipe request (password asked again); the last step files it. */
  'media.approve': d.MediaRequestDto;
  'media.reject': d.MediaRequestDto;
  'media.withdraw': d.MediaRequestDto;
  /** The custodian hands a filed checkout to its holder. */
  'media.handover': d.MediumDto;
  /** Checked back in. */
  'media.return': d.MediumDto;
  /** A job: a case's signed records onto a checked-out medium, encrypted with its key (§6.1.3 e, f). */
  'media.writeRecords': d.MediaWriteResultDto & { jobId: string };
  /** The method its kind and 密级 call for, what it cannot guarantee, and whether a run can resume. */
  'media.wipePlan': d.WipePlanDto;
  /** A job, security officer, approved, password asked again, witness present: whole-medium sanitization. */
  'media.wipe': d.WipeResultDto & { jobId: string };
  /** A job: file-level wiping on a mounted medium, with its limits stated on the certificate. */
  'media.wipeFiles': d.WipeResultDto & { jobId: string };
  /** Destroys the medium's content key, so what the app wrote on it can no longer be read. */
  'media.cryptoErase': d.WipeResultDto;
  /** 涉密 media: records approval, supervision and the hand-off to certified destruction. */
  'media.recordDestruction': d.SanitizationCertificateDto;
  'media.certificates': d.SanitizationCertificateDto[];
  /** Electronic records (§6.1.2 Table 2), with the late and due-for-disposal views. */
  'erecords.list': d.ElectronicRecordDto[];
  'erecords.get': d.ElectronicRecordDto;
  /** A new electronic record named per §4.7.3, its files kept byte-identical. */
  'erecords.register': d.ElectronicRecordDto;
  /** Asks to dispose of records whose retention has ended. */
  'erecords.requestDisposal': d.DisposalDto;
  'erecords.disposals': d.DisposalDto[];
  /** Approves (password asked again) and carries out a disposal, leaving a signed certificate. */
  'erecords.approveDisposal': d.DisposalDto;
  'erecords.rejectDisposal': d.DisposalDto;
}

export type ResponseOf<M extends MethodName> = ResponseMap[M];
