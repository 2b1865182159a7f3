/**
 * The dialog text when the core cannot start. The usual causes in an archive room are a second copy
 * of the workstation holding the database, or a data folder the user may not write.
 */
export function startupErrorMessage(dataDir: string, error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return (
    `工作站无法打开档案数据（${dataDir}）。\n\n` +
    '请确认：本机没有另一个工作站程序在运行；当前用户可以读写该文件夹；磁盘空间充足。\n' +
    '如仍无法启动，请将以下信息告知信息中心：\n\n' +
    detail
  );
}
