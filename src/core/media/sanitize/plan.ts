import { isStateSecret, WIPE_METHOD_LABELS, type Classification, type MediumKind, type WipeMethod, type WipePlanDto } from '../../../contract';
import type { DriveSanitizeSupport } from './driveSanitize';

/** One overwrite pass: the byte written everywhere, and how the plan names it. */
export interface WipePass {
  byte: number;
  label: string;
}

/**
 * NIST SP 800-88 Rev. 1 Table A-5 (magnetic media: ATA hard disk drives), Clear: at least a single
 * write pass with a fixed data value such as all zeros. Table A-8 (flash memory: USB removable media,
 * memory cards), Clear: at least two passes, a pattern in the first and its complement in the second;
 * the data is then read back (§4.7.3).
 */
export const OVERWRITE_PASSES: Record<'overwrite-1' | 'overwrite-pattern-complement', readonly WipePass[]> = {
  'overwrite-1': [{ byte: 0x00, label: '第 1 遍：全 0x00' }],
  'overwrite-pattern-complement': [
    { byte: 0x55, label: '第 1 遍：0x55 图案' },
    { byte: 0xaa, label: '第 2 遍：0xAA 反码' },
  ],
};

export type OverwriteMethod = keyof typeof OVERWRITE_PASSES;

export function isOverwrite(method: WipeMethod): method is OverwriteMethod {
  return method === 'overwrite-1' || method === 'overwrite-pattern-complement';
}

/** NIST SP 800-88 Rev. 1 §2.5 and Table 5-1: the category a method reaches. */
export function categoryOf(method: WipeMethod): 'clear' | 'purge' | 'destroy' {
  if (method === 'destruction') return 'destroy';
  // Cryptographic erase and the drive's own sanitize command are Purge techniques (§2.6, App. A).
  if (method === 'crypto-erase' || method === 'drive-sanitize') return 'purge';
  return 'clear';
}

export interface PlanFacts {
  tag: string;
  kind: MediumKind;
  classification: Classification;
  hasContentKey: boolean;
  driveSanitize: DriveSanitizeSupport;
  approvedRequestId: string | null;
  resumable: WipePlanDto['resumable'];
}

const FLASH_LIMITS = [
  '闪存有磨损均衡和坏块替换：被控制器移走的旧数据块不在可寻址空间内，覆写到不了（NIST SP 800-88 Rev. 1 §2.4、表 A-8）。',
  '闪存介质无法由软件达到“清除（purge）”级别；若介质曾存放敏感数据且需更高保证，应交付物理销毁（NIST SP 800-88 表 A-8）。',
];

const FILE_LEVEL_LIMIT = '文件级清除只覆写文件当前占用的数据块：日志型或写时复制文件系统（ext4 日志、NTFS、APFS、Btrfs）及闪存磨损均衡留下的旧副本不受控制，不能作为整盘清除的替代。';

/** Pure: what sanitizing this medium means, chosen by kind and 密级 before anything is touched. */
export function wipePlan(f: PlanFacts): WipePlanDto {
  const base = { tag: f.tag, kind: f.kind, classification: f.classification, approvedRequestId: f.approvedRequestId, resumable: f.resumable };
  if (isStateSecret(f.classification) || f.kind === 'optical') return destructionPlan(f, base);
  const withKey: WipeMethod[] = f.hasContentKey ? ['crypto-erase'] : [];
  switch (f.kind) {
    case 'hdd':
      return {
        ...base,
        ...described('overwrite-1'),
        verification: '覆写后全盘回读，或按 NIST SP 800-88 §4.7.3 抽样回读（首末区段及伪随机区段，不少于全盘 10%）',
        isSoftwareSufficient: true,
        explanation:
          '机械硬盘按 NIST SP 800-88 Rev. 1 表 A-5 采用“清除（clear）”：用固定值完整覆写全部可寻址扇区一遍，再回读校验。现代硬盘一遍覆写即足以抵御键盘级和实验室级恢复（§2.4）。',
        limits: ['被硬盘重新映射的坏扇区（G-list）不在可寻址空间内，覆写到不了（NIST SP 800-88 §2.4）；如需“清除（purge）”级别，应使用驱动器的 ATA Secure Erase 或交付销毁。'],
        alternatives: [...withKey, 'file-level', 'destruction'],
      };
    case 'usb-flash':
    case 'memory-card':
      return {
        ...base,
        ...described('overwrite-pattern-complement'),
        verification: '两遍覆写后全盘回读，确认每个字节都是最后一遍的 0xAA；或按 NIST SP 800-88 §4.7.3 抽样回读',
        isSoftwareSufficient: true,
        explanation:
          'U 盘和存储卡按 NIST SP 800-88 Rev. 1 表 A-8 采用“清除（clear）”：全盘写入一遍图案、再写一遍其反码，然后回读校验。',
        limits: FLASH_LIMITS,
        alternatives: [...withKey, 'file-level', 'destruction'],
      };
    case 'ssd':
      return ssdPlan(f, base, withKey);
    default:
      return {
        ...base,
        ...described('overwrite-1'),
        verification: '覆写后全盘回读或抽样回读（NIST SP 800-88 §4.7.3）',
        isSoftwareSufficient: true,
        explanation: '类型不明的介质按 NIST SP 800-88 Rev. 1 的通用原则：完整覆写全部可寻址空间一遍并校验（清除）。若介质实为闪存，应改按 U 盘处理。',
        limits: ['本软件不知道该介质的内部结构：控制器保留或重映射的区域覆写不到。', ...FLASH_LIMITS.slice(1)],
        alternatives: [...withKey, 'file-level', 'destruction'],
      };
  }
}

type PlanBase = Pick<WipePlanDto, 'tag' | 'kind' | 'classification' | 'approvedRequestId' | 'resumable'>;

function described(method: WipeMethod): Pick<WipePlanDto, 'method' | 'methodLabel' | 'passes'> {
  return { method, methodLabel: WIPE_METHOD_LABELS[method], passes: isOverwrite(method) ? OVERWRITE_PASSES[method].map((p) => p.label) : [] };
}

function destructionPlan(f: PlanFacts, base: PlanBase): WipePlanDto {
  const secret = isStateSecret(f.classification);
  return {
    ...base,
    ...described('destruction'),
    verification: '由有资质的销毁机构出具销毁证明，连同两人监督的记录附于证书',
    isSoftwareSufficient: false,
    explanation: secret
      ? `该介质为${f.classification}级涉密载体：按 DB3206/T 1060 §6.1.3 d 及保密规定，软件清除不能使其脱密，只能经审批后在两人监督下交有资质的销毁机构物理销毁（NIST SP 800-88 Rev. 1 §2.5 “销毁（destroy）”）。本软件只记录审批、监督人和交接，并附销毁证明。`
      : '光盘不能覆写：按 NIST SP 800-88 Rev. 1 表 A-7（光学介质）只有“销毁（destroy）”一种方法，即粉碎或焚毁。本软件记录审批、监督人和交接，并附销毁证明。',
    limits: ['软件不做任何清除；证书只证明交接与销毁机构出具的证明。'],
    alternatives: [],
  };
}

/** What the drive's own sanitize cannot promise, said on the plan and the certificate. */
export const DRIVE_SANITIZE_LIMITS = [
  '擦除由驱动器固件完成，本软件只能发出命令、查询状态并回读校验可寻址空间；预留空间和已重映射块的处理依赖固件的实现（NIST SP 800-88 Rev. 1 §2.6、表 A-8）。',
  'Sanitize 一经开始不能中途停止；NVMe 驱动器断电后再上电会自行继续，再次执行清除会查询其状态后校验。',
];

function ssdPlan(f: PlanFacts, base: PlanBase, withKey: WipeMethod[]): WipePlanDto {
  const tool = f.driveSanitize;
  if (tool.available) {
    return {
      ...base,
      ...described('drive-sanitize'),
      verification: '驱动器报告完成后，按 NIST SP 800-88 §4.7.3 回读与清除前相同的区段（清除前只保留其 SHA-256 摘要），确认没有区段仍是原内容；并记录读到的内容（全 0、全 1 或厂商图案）',
      isSoftwareSufficient: true,
      explanation: `固态硬盘按 NIST SP 800-88 Rev. 1 表 A-8 采用“清除（purge）”：由驱动器执行自带的 Sanitize 命令（NVMe 块擦除，不支持时为密码擦除；SATA 为 SANITIZE 块擦除，无此功能时为 ATA 安全擦除）。本机${tool.how}。目标须是整盘块设备（/dev/nvme*n*、/dev/sd*）；磁盘镜像文件或其他设备改为全盘覆写一遍（clear）。`,
      limits: DRIVE_SANITIZE_LIMITS,
      alternatives: [...withKey, 'overwrite-1', 'file-level', 'destruction'],
    };
  }
  const sanitizeLine = `本机无法执行驱动器自带的安全擦除（${tool.how}）。`;
  const overwriteLimits = [
    '固态硬盘有预留空间（over-provisioning）和坏块重映射：覆写只到达可寻址的逻辑块，控制器移走的旧数据块不受影响，因此只能算“清除（clear）”，达不到“清除（purge）”（NIST SP 800-88 Rev. 1 §2.4、表 A-8）。',
    sanitizeLine,
  ];
  if (f.hasContentKey) {
    return {
      ...base,
      ...described('crypto-erase'),
      verification: '确认密钥行已从数据库删除并清理 WAL，介质上的密文无法再解开',
      isSoftwareSufficient: true,
      explanation:
        '该固态硬盘上的数据由本软件用介质自己的 AES-256-GCM 密钥加密写入：销毁密钥即为 NIST SP 800-88 Rev. 1 §2.6 的密码擦除（purge），不受预留空间和重映射的影响。',
      limits: ['只对本软件加密写入的文件有效；他人以其他方式写入的明文不受影响，需另行全盘覆写或驱动器安全擦除。', sanitizeLine],
      alternatives: ['overwrite-1', 'file-level', 'destruction'],
    };
  }
  return {
    ...base,
    ...described('overwrite-1'),
    verification: '覆写后全盘回读或抽样回读（NIST SP 800-88 §4.7.3）',
    isSoftwareSufficient: true,
    explanation:
      '固态硬盘最好用驱动器自带的 Sanitize 命令或密码擦除（NIST SP 800-88 Rev. 1 表 A-8）。本软件未在该介质上加密写入数据，不能做密码擦除，因此提供全盘覆写一遍并校验，并如实说明其局限。',
    limits: overwriteLimits,
    alternatives: [...withKey, 'file-level', 'destruction'],
  };
}

export { FILE_LEVEL_LIMIT };
