/** Namespace of the record properties we add to XMP; described by the PDF/A extension schema below. */
export const DOSSIER_NS = 'http://ns.dossier-workstation.invalid/record/1.0/';

export interface XmpFields {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creatorTool: string;
  producer: string;
  createdAt: Date;
  caseNumber: string;
  recordType: string;
}

/**
 * XML-escapes text for element content and attribute values. pdfkit pastes Info values into XMP
 * raw, so a title like `A&B <草稿>` made the packet malformed (PDF.md). Characters XML 1.0 forbids
 * (C0 controls other than tab/newline) are dropped: they cannot be written in XML at all.
 */
export function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** ISO 8601 in UTC to the second, the same instant pdfkit writes as D:…Z in Info (PDF/A: they must agree). */
export function xmpDate(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The whole XMP packet of a record PDF: the Info values mirrored as PDF/A-2 requires (dc:title ↔ Title,
 * dc:creator ↔ Author, dc:description ↔ Subject, pdf:Keywords, pdf:Producer, xmp:CreatorTool,
 * xmp:CreateDate/ModifyDate), pdfaid part 2 conformance B, and the case number and record type in our
 * own namespace with the extension schema that PDF/A requires for any non-standard property.
 */
export function buildXmp(f: XmpFields): string {
  const e = escapeXml;
  const date = xmpDate(f.createdAt);
  const lines = [
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">',
    '<pdfaid:part>2</pdfaid:part>',
    '<pdfaid:conformance>B</pdfaid:conformance>',
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">',
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    `<xmp:CreatorTool>${e(f.creatorTool)}</xmp:CreatorTool>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">',
    '<dc:format>application/pdf</dc:format>',
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(f.title)}</rdf:li></rdf:Alt></dc:title>`,
    ...(f.author ? [`<dc:creator><rdf:Seq><rdf:li>${e(f.author)}</rdf:li></rdf:Seq></dc:creator>`] : []),
    ...(f.subject ? [`<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(f.subject)}</rdf:li></rdf:Alt></dc:description>`] : []),
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<pdf:Producer>${e(f.producer)}</pdf:Producer>`,
    ...(f.keywords ? [`<pdf:Keywords>${e(f.keywords)}</pdf:Keywords>`] : []),
    '</rdf:Description>',
    `<rdf:Description rdf:about="" xmlns:dossier="${DOSSIER_NS}">`,
    `<dossier:caseNumber>${e(f.caseNumber)}</dossier:caseNumber>`,
    `<dossier:recordType>${e(f.recordType)}</dossier:recordType>`,
    '</rdf:Description>',
    '<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">',
    '<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">',
    '<pdfaSchema:schema>Dossier workstation record</pdfaSchema:schema>',
    `<pdfaSchema:namespaceURI>${DOSSIER_NS}</pdfaSchema:namespaceURI>`,
    '<pdfaSchema:prefix>dossier</pdfaSchema:prefix>',
    '<pdfaSchema:property><rdf:Seq>',
    property('caseNumber', 'Case number (案件编号) of the enforcement case'),
    property('recordType', 'Record type (文书类型) from DB3206/T 1060 Appendix A'),
    '</rdf:Seq></pdfaSchema:property>',
    '</rdf:li></rdf:Bag></pdfaExtension:schemas>',
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
  ];
  // XMP asks for padding so that a tool can update the packet in place.
  return `${lines.join('\n')}\n${`${' '.repeat(99)}\n`.repeat(20)}<?xpacket end="w"?>`;
}

function property(name: string, description: string): string {
  return [
    '<rdf:li rdf:parseType="Resource">',
    `<pdfaProperty:name>${name}</pdfaProperty:name>`,
    '<pdfaProperty:valueType>Text</pdfaProperty:valueType>',
    '<pdfaProperty:category>external</pdfaProperty:category>',
    `<pdfaProperty:description>${escapeXml(description)}</pdfaProperty:description>`,
    '</rdf:li>',
  ].join('');
}
