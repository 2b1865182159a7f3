import { PDFDict, PDFName, type PDFContext } from 'pdf-lib';
import { nameIn } from './walk';

/**
 * Actions that run code, change the document or reach outside it (ISO 32000-1 §12.6.4). ISO 19005-2
 * §6.6.1 forbids all of these but SubmitForm and RichMediaExecute, which we add: a record that runs or
 * sends anything when opened has no place in an archive. Links inside the document (GoTo) and URIs
 * are harmless; annotations are not copied anyway (decision 0009).
 */
const REFUSED_ACTIONS: Record<string, string> = {
  JavaScript: '含有 JavaScript 脚本',
  Launch: '含有启动外部程序的动作（Launch）',
  ImportData: '含有导入外部数据的动作（ImportData）',
  SubmitForm: '含有提交表单的动作（SubmitForm）',
  ResetForm: '含有重置表单的动作（ResetForm）',
  RichMediaExecute: '含有多媒体执行动作（RichMediaExecute）',
  Rendition: '含有媒体播放动作（Rendition）',
  Movie: '含有影片动作（Movie）',
  Sound: '含有声音动作（Sound）',
  Hide: '含有隐藏动作（Hide）',
  SetOCGState: '含有改变图层的动作（SetOCGState）',
  Trans: '含有过渡动作（Trans）',
  GoTo3DView: '含有三维视图动作（GoTo3DView）',
  SetState: '含有已废弃的 SetState 动作',
  NOP: '含有已废弃的 NOP 动作',
};

/** What, if anything, in this dictionary makes the file unfit for the archive. */
export function activeContentIn(context: PDFContext, dict: PDFDict): string[] {
  const found: string[] = [];
  if (dict.get(PDFName.of('JS')) !== undefined) found.push(REFUSED_ACTIONS.JavaScript!);
  // A structure element also has /S (its role) but always a /P parent, which an action never has.
  const action = dict.get(PDFName.of('P')) === undefined ? nameIn(context, dict, 'S') : undefined;
  const type = nameIn(context, dict, 'Type');
  if (action && Object.hasOwn(REFUSED_ACTIONS, action) && (type ?? 'Action') === 'Action') found.push(REFUSED_ACTIONS[action]!);
  // §7.7.4: document-level scripts and attachments live in the name dictionary.
  if (dict.get(PDFName.of('JavaScript')) !== undefined) found.push(REFUSED_ACTIONS.JavaScript!);
  if (dict.get(PDFName.of('EmbeddedFiles')) !== undefined) found.push('含有附件（嵌入文件）');
  if ((type === 'Filespec' || type === 'F') && dict.get(PDFName.of('EF')) !== undefined) found.push('含有附件（嵌入文件）');
  if (nameIn(context, dict, 'Subtype') === 'FileAttachment') found.push('含有附件（文件附件注释）');
  // ISO 19005-2 §6.4.2 forbids XFA; a dynamic XFA form's pages hold only a "please wait" placeholder.
  if (dict.get(PDFName.of('XFA')) !== undefined) found.push('含有 XFA 动态表单');
  return found;
}
