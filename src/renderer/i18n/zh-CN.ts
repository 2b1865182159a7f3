import type { AuditOutcome, CaseState, MethodName } from '../../contract';

/** Chinese names of the actions that appear in the audit log (one per method of the contract). */
export const METHOD_LABELS: Record<MethodName, string> = {
  'setup.status': '查看设置状态',
  'setup.initialize': '设置本单位',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.session': '查看登录状态',
  'auth.changePassword': '修改密码',
  'users.list': '查看人员',
  'users.create': '新建人员',
  'users.update': '修改人员',
  'users.setRoles': '设置角色',
  'users.resetPassword': '重置密码',
  'users.unlock': '解锁账号',
  'users.directory': '查看人员名录',
  'catalog.list': '查看文书目录',
  'cases.list': '查询案件',
  'cases.get': '查看案件',
  'cases.create': '新建案件',
  'cases.update': '修改案件',
  'cases.importFolder': '导入案件文件夹',
  'records.add': '添加文书',
  'records.update': '修改文书',
  'records.remove': '删除文书',
  'audit.list': '查看审计日志',
  'audit.verify': '校验日志链',
  'audit.checkpoint': '导出审计检查点',
  'fixity.run': '校验存储文件',
  'signing.status': '查看签章证书',
  'signing.exportCertificate': '导出签章证书',
  'pdf.verify': '验证 PDF 签章',
  'scans.convert': '扫描件转签章 PDF',
  'records.convert': '生成文书签章版本',
  'records.strike': '划改更正',
  'records.addScans': '添加扫描页',
  'records.pages': '查看文书页面',
  'records.rotatePage': '旋转页面',
  'records.arrangePages': '调整页面顺序',
  'records.ocr': '文字识别',
  'signing.importPkcs12': '导入签章证书',
  'signing.rotate': '更换签章证书',
  'signing.unlock': '解锁签章私钥',
  'jobs.list': '查看任务',
  'jobs.cancel': '取消任务',
  'dossiers.get': '查看卷宗',
  'dossiers.update': '填写卷宗封面和备考表',
  'dossiers.arrange': '调整卷内文书顺序',
  'dossiers.check': '检查卷宗',
  'dossiers.compile': '组卷',
  'dossiers.archive': '接收归档',
  'cases.importSample': '导入示例案件',
  'dossiers.appendRecord': '归档后追加文书',
  'rules.get': '查看组卷规则',
  'rules.defaults': '查看默认组卷规则',
  'rules.update': '修改组卷规则',
  'terminals.current': '查看本终端',
  'terminals.list': '查看终端登记',
  'terminals.designate': '指定或撤销查阅终端',
  'access.request': '申请借阅',
  'access.list': '查看借阅申请',
  'access.get': '查看借阅申请',
  'access.approve': '批准借阅',
  'access.reject': '不予批准借阅',
  'access.withdraw': '撤回借阅申请',
  'access.revoke': '撤销借阅授权',
  'access.renew': '续借',
  'access.pledge': '签署保密承诺',
  'access.explain': '查询访问策略',
  'access.settings': '查看访问策略',
  'access.updateSettings': '修改访问策略',
  'reading.open': '进入阅览室',
  'reading.page': '查阅卷宗页面',
  'reading.close': '结束查阅',
  'reading.print': '打印查阅页面',
  'reading.export': '导出查阅副本',
  'media.settings': '查看介质规则',
  'media.updateSettings': '设置介质编号和审批流程',
  'media.list': '查看介质台账',
  'media.get': '查看存储介质',
  'media.register': '登记存储介质',
  'media.update': '修改存储介质',
  'media.setStatus': '登记介质状态',
  'media.label': '打印介质标签',
  'media.identify': '写入介质标识',
  'media.check': '核验存储介质',
  'media.checkout': '申领存储介质',
  'media.wipeRequest': '申请清除介质',
  'media.requests': '查看介质申请',
  'media.approve': '审批介质申请',
  'media.reject': '驳回介质申请',
  'media.withdraw': '撤回介质申请',
  'media.handover': '交付存储介质',
  'media.return': '归还存储介质',
  'media.writeRecords': '向介质写入记录',
  'media.wipePlan': '查看清除方案',
  'media.wipe': '清除存储介质',
  'media.wipeFiles': '文件级清除',
  'media.cryptoErase': '密码擦除',
  'media.recordDestruction': '登记涉密介质销毁',
  'media.certificates': '查看清除证书',
  'erecords.list': '查看电子记录',
  'erecords.get': '查看电子记录',
  'erecords.register': '登记电子记录',
  'erecords.requestDisposal': '申请销毁电子记录',
  'erecords.disposals': '查看销毁申请',
  'erecords.approveDisposal': '批准销毁电子记录',
  'erecords.rejectDisposal': '驳回销毁申请',
};

/** Actions the core logs that are not methods of the contract. */
export const EXTRA_ACTION_LABELS: Record<string, string> = {
  'files.open': '查看文件',
  'files.download': '下载文件',
  'fixity.finding': '存储文件异常',
};

export function actionLabel(action: string): string {
  return (METHOD_LABELS as Record<string, string>)[action] ?? EXTRA_ACTION_LABELS[action] ?? action;
}

/** Options for an action filter: every known action, labelled, with the identifier for searching. */
export function actionOptions(): { value: string; label: string }[] {
  return Object.entries({ ...METHOD_LABELS, ...EXTRA_ACTION_LABELS }).map(([value, label]) => ({
    value,
    label: `${label}（${value}）`,
  }));
}

export const OUTCOME_LABELS: Record<AuditOutcome, string> = {
  ok: '成功',
  denied: '拒绝',
  failed: '失败',
};

export const OUTCOME_COLORS: Record<AuditOutcome, string> = {
  ok: 'green',
  denied: 'orange',
  failed: 'red',
};

export const STATE_COLORS: Record<CaseState, string> = {
  办理中: 'processing',
  已结案: 'success',
  已归档: 'default',
};

export const PARTY_KIND_LABELS = { person: '个人', organization: '单位' } as const;

export const CHANNEL_LABELS: Record<string, string> = { app: '桌面程序', web: '网页', cli: '命令行' };
