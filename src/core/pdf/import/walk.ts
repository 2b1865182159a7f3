import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, type PDFContext, type PDFObject } from 'pdf-lib';

/**
 * The page tree and the catalog are never part of a page's content; a reference to them from inside
 * a resource (rare, but seen in /StructParent-style back links) would otherwise drag the whole
 * source document along. The copier writes null for them and the checks do not follow them.
 */
const OUTSIDE_CONTENT = new Set(['Page', 'Pages', 'Catalog']);

export function isOutsideContent(value: PDFObject | undefined): boolean {
  const dict = value instanceof PDFRawStream ? value.dict : value;
  if (!(dict instanceof PDFDict)) return false;
  const type = dict.get(PDFName.of('Type'));
  return type instanceof PDFName && OUTSIDE_CONTENT.has(type.decodeText());
}

export interface WalkOptions {
  /** Do not enter pages, page-tree nodes or the catalog (for a page's content graph). */
  stayInContent?: boolean;
  /** Each dictionary; `stream` when it is a stream's dictionary. */
  onDict: (dict: PDFDict, stream?: PDFRawStream) => void;
  onMissing: (ref: PDFRef) => void;
  /** Each name met as a value, with the dictionary key it sits under (also inside an array). */
  onName?: (name: PDFName, key: string | undefined) => void;
}

/**
 * Visits every dictionary (a stream's dictionary included) reachable from `roots`, each indirect
 * object once. Iterative, so a deep or cyclic graph cannot overflow the stack.
 */
export function walkGraph(context: PDFContext, roots: readonly (PDFObject | undefined)[], options: WalkOptions): void {
  const seen = new Set<string>();
  const stack: [PDFObject, string | undefined][] = roots.filter((r): r is PDFObject => r !== undefined).map((r) => [r, undefined]);
  while (stack.length) {
    const [popped, key] = stack.pop()!;
    let value = popped;
    if (value instanceof PDFRef) {
      const id = value.toString();
      if (seen.has(id)) continue;
      seen.add(id);
      const target = context.lookup(value);
      if (target === undefined) {
        options.onMissing(value);
        continue;
      }
      if (options.stayInContent && isOutsideContent(target)) continue;
      value = target;
    }
    const stream = value instanceof PDFRawStream ? value : undefined;
    if (stream) value = stream.dict;
    if (value instanceof PDFName) options.onName?.(value, key);
    else if (value instanceof PDFDict) {
      options.onDict(value, stream);
      for (const [name, item] of value.entries()) stack.push([item, name.decodeText()]);
    } else if (value instanceof PDFArray) {
      for (const item of value.asArray()) stack.push([item, key]);
    }
  }
}

/** `dict[key]`, following one reference. */
export function lookupIn(context: PDFContext, dict: PDFDict, key: string): PDFObject | undefined {
  const value = dict.get(PDFName.of(key));
  return value instanceof PDFRef ? context.lookup(value) : value;
}

export function nameIn(context: PDFContext, dict: PDFDict, key: string): string | undefined {
  const value = lookupIn(context, dict, key);
  return value instanceof PDFName ? value.decodeText() : undefined;
}

export function dictIn(context: PDFContext, dict: PDFDict, key: string): PDFDict | undefined {
  const value = lookupIn(context, dict, key);
  if (value instanceof PDFRawStream) return value.dict;
  return value instanceof PDFDict ? value : undefined;
}
