import { ApiFailure, unwrap } from '../../contract';
import { groupDrop, type DropGroup } from './dropModel';

/**
 * What a drop held, taken at once: the browser empties a DataTransfer when the drop handler returns,
 * so entries and files are read synchronously and walked afterwards.
 */
export interface TakenDrop {
  items: { file: File | null; entry: FileSystemEntry | null }[];
}

export function takeDrop(data: DataTransfer): TakenDrop {
  const items: TakenDrop['items'] = [];
  if (data.items && data.items.length > 0) {
    for (const item of Array.from(data.items)) {
      if (item.kind !== 'file') continue;
      items.push({ file: item.getAsFile(), entry: typeof item.webkitGetAsEntry === 'function' ? item.webkitGetAsEntry() : null });
    }
  } else {
    for (const file of Array.from(data.files)) items.push({ file, entry: null });
  }
  return { items };
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** A folder's direct files; subfolders are not read (a record is one folder, as the core reads it). */
async function folderFiles(entry: FileSystemDirectoryEntry): Promise<{ files: File[]; skipped: string[] }> {
  const reader = entry.createReader();
  const files: File[] = [];
  const skipped: string[] = [];
  // readEntries answers in batches (100 in Chromium) until it returns none.
  for (let batch = await readEntries(reader); batch.length > 0; batch = await readEntries(reader)) {
    for (const child of batch) {
      if (child.isFile) files.push(await fileOf(child as FileSystemFileEntry));
      else skipped.push(`${entry.name}/${child.name}`);
    }
  }
  return { files, skipped };
}

/** The drop as groups for staging, and the subfolders that were left out (to tell the user). */
export async function readDrop(drop: TakenDrop): Promise<{ groups: DropGroup<File>[]; skipped: string[] }> {
  const loose: File[] = [];
  const folders: { name: string; files: File[]; entry?: File }[] = [];
  const skipped: string[] = [];
  for (const { file, entry } of drop.items) {
    if (entry?.isDirectory) {
      if (window.archive.canStageFolders && file) {
        // The app reads the folder where it lies; its File stands for the folder.
        folders.push({ name: entry.name, files: [], entry: file });
        continue;
      }
      const read = await folderFiles(entry as FileSystemDirectoryEntry);
      folders.push({ name: entry.name, files: read.files });
      skipped.push(...read.skipped);
    } else if (file) {
      loose.push(file);
    }
  }
  return { groups: groupDrop(loose, folders), skipped };
}

/** Paths on the core's machine for the groups, in order: each group staged as one batch. */
export async function stageGroups(groups: DropGroup<File>[]): Promise<string[]> {
  const paths: string[] = [];
  for (const group of groups) {
    if (group.entry) {
      paths.push(...unwrap(await window.archive.stageFiles([group.entry])));
      continue;
    }
    if (group.files.length === 0) throw new ApiFailure({ code: 'bad-request', message: `文件夹“${group.folder ?? ''}”中没有文件` });
    if (window.archive.canStageFolders || group.folder === null) paths.push(...unwrap(await window.archive.stageFiles(group.files)));
    else paths.push(...unwrap(await window.archive.stageFiles(group.files, group.folder)));
  }
  return paths;
}
