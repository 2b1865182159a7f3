import { constants, copyFileSync, existsSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import {
  CLASSIFICATIONS,
  LABEL_SIZES,
  MEDIUM_KIND_LABELS,
  MEDIUM_KINDS,
  MEDIUM_STATUS_LABELS,
  MEDIUM_STATUSES,
  unwrap,
  WIPE_DESTINATION_LABELS,
  WIPE_DESTINATIONS,
  WIPE_METHOD_LABELS,
  type MediaRequestDto,
  type MediumDto,
} from '../../contract';
import { usageError, type CliContext } from '../context';
import { EXIT } from '../exitCodes';
import { renderFacts, renderTable, sanitizeCell } from '../format';
import { protectorFor } from '../keyProtector';

type Kind = (typeof MEDIUM_KINDS)[number];
type Level = (typeof CLASSIFICATIONS)[number];

interface RegisterOptions {
  tag: string;
  kind: Kind;
  classification: Level;
  serial?: string;
  device?: string;
  brand?: string;
  model?: string;
  capacity?: number;
  department?: string;
  note?: string;
}

const REQUEST_STATUS: Record<MediaRequestDto['status'], string> = { pending: '待审批', approved: '已批准', rejected: '未获批准', withdrawn: '已撤回', completed: '已办结' };
const REQUEST_KIND: Record<MediaRequestDto['kind'], string> = { checkout: '领用', wipe: '清除' };

/**
 * Storage media (DB3206/T 1060 §6.1.3; issue 6 item 9): the register, labels, checkout and wipe
 * requests through the unit's chain, the identity check of a medium, wiping and its certificate.
 * Commands that sign (registering with --device, the filing step of a checkout, wiping) need the
 * unit key's passphrase: DOSSIER_KEY_PASSPHRASE or asked on the terminal.
 */
export function registerMediaCommands(program: Command, cli: CliContext): void {
  const media = program.command('media').description('存储介质：登记、标签、领用审批、身份核验、清除及清除证明（DB3206/T 1060 6.1.3）');
  const keyed = async () => ({ keyProtector: protectorFor(await cli.keyPassphrase(false), false) });
  /** The key only where the work signs: the filing step signs when the passphrase is set, otherwise the core says what is missing. */
  const keyIfSet = () => (cli.io.env.DOSSIER_KEY_PASSPHRASE ? { keyProtector: protectorFor(cli.io.env.DOSSIER_KEY_PASSPHRASE, false) } : {});

  media
    .command('register')
    .description('登记存储介质（信息中心、信息安全员）；给出 --device 时立即写入本单位签名的身份记录')
    .requiredOption('--tag <资产编号>', '资产编号，须符合本单位的编号规则（如 NTYC-2026-0001）')
    .requiredOption('--kind <类型>', `介质类型：${MEDIUM_KINDS.map((k) => `${k}＝${MEDIUM_KIND_LABELS[k]}`).join('、')}`, choice(MEDIUM_KINDS))
    .requiredOption('--classification <密级>', `密级：${CLASSIFICATIONS.join('、')}`, choice(CLASSIFICATIONS))
    .option('--serial <序列号>', '硬件序列号')
    .option('--device <路径>', '介质所在：块设备（如 /dev/sdb）、磁盘镜像文件或介质挂载的文件夹')
    .option('--brand <品牌>', '品牌')
    .option('--model <型号>', '型号')
    .option('--capacity <字节数>', '容量（字节）', parseNonNegative)
    .option('--department <部门>', '所属部门，默认为登录用户的部门')
    .option('--note <备注>', '备注')
    .action(
      cli.action(async (o: RegisterOptions) =>
        cli.withSession(
          async ({ api, info }) => {
            const r = unwrap(
              await api.media.register({
                tag: o.tag,
                kind: o.kind,
                classification: o.classification,
                brand: o.brand ?? '',
                model: o.model ?? '',
                serial: o.serial ?? '',
                capacityBytes: o.capacity ?? null,
                department: o.department ?? info.user.department,
                note: o.note ?? '',
                device: o.device === undefined ? undefined : cli.resolvePath(o.device),
              }),
            );
            cli.print(r, (m) => `已登记 ${m.tag}（${MEDIUM_KIND_LABELS[m.kind]}，${m.classification}，${m.department}）${m.identityWrittenAt ? `，身份记录已写入 ${o.device}` : ''}。打印标签：dossier media label ${m.tag} --out 标签.pdf\n`);
            return EXIT.ok;
          },
          o.device === undefined ? {} : await keyed(),
        ),
      ),
    );

  media
    .command('list')
    .description('存储介质台账')
    .option('--status <状态>', `状态：${MEDIUM_STATUSES.join('、')}`, choice(MEDIUM_STATUSES))
    .option('--kind <类型>', '介质类型', choice(MEDIUM_KINDS))
    .option('--classification <密级>', '密级', choice(CLASSIFICATIONS))
    .option('--department <部门>', '所属部门')
    .option('--holder <用户名>', '领用人')
    .option('--query <文字>', '资产编号、品牌、型号或序列号的一部分')
    .action(
      cli.action(async (o: { status?: (typeof MEDIUM_STATUSES)[number]; kind?: Kind; classification?: Level; department?: string; holder?: string; query?: string }) =>
        cli.withSession(async ({ api }) => {
          const rows = unwrap(await api.media.list({ status: o.status, kind: o.kind, classification: o.classification, department: o.department ?? '', holder: o.holder ?? '', query: o.query ?? '' }));
          cli.print(rows, describeMedia);
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('show')
    .description('一件介质的登记信息、全部履历和申请')
    .argument('<资产编号>')
    .action(
      cli.action(async (tag: string) =>
        cli.withSession(async ({ api }) => {
          const m = unwrap(await api.media.get({ tag }));
          cli.print(m, (d) =>
            [
              renderFacts([
                ['资产编号', d.tag],
                ['类型', MEDIUM_KIND_LABELS[d.kind]],
                ['密级', d.classification],
                ['品牌型号', sanitizeCell([d.brand, d.model].filter(Boolean).join(' '))],
                ['序列号', sanitizeCell(d.serial)],
                ['所属部门', sanitizeCell(d.department)],
                ['状态', MEDIUM_STATUS_LABELS[d.status]],
                ['领用人', d.holder ? `${sanitizeCell(d.holderName ?? '')}（${d.holder}）${d.dueAt ? `，应于 ${d.dueAt} 前归还${d.isOverdue ? '，已逾期' : ''}` : ''}` : '—'],
              ]),
              renderTable(d.history, [
                { header: '时间', value: (e) => e.at },
                { header: '操作人', value: (e) => e.actor },
                { header: '事项', value: (e) => sanitizeCell(e.action) },
                { header: '说明', value: (e) => sanitizeCell(e.detail), maxWidth: 60 },
              ]),
            ].join('\n'),
          );
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('label')
    .description('打印介质标签（PDF）：资产编号、密级、二维码和 Code 128 条码（6.1.3 b）')
    .argument('<资产编号...>', '一个或多个资产编号')
    .requiredOption('--out <文件.pdf>', '标签 PDF 保存到这里（不覆盖已有文件）')
    .option('--size <规格>', `标签规格：${LABEL_SIZES.join('、')}，默认 60x40`, choice(LABEL_SIZES), '60x40')
    .action(
      cli.action(async (tags: string[], o: { out: string; size: (typeof LABEL_SIZES)[number] }) =>
        cli.withSession(async ({ api, openFile }) => {
          const out = cli.resolvePath(o.out);
          if (existsSync(out)) throw usageError(`${out} 已存在，未覆盖。请换一个 --out 文件名。`);
          const ref = unwrap(await api.media.label({ tags, size: o.size }));
          copyFileSync(openFile(ref.id).path, out, constants.COPYFILE_EXCL);
          cli.print({ ...ref, path: out }, () => `已生成 ${tags.length} 张标签：${out}\n`);
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('identify')
    .description('重新写入介质的身份记录（如清除后），此前的记录随即作废（6.1.3 e）')
    .argument('<资产编号>')
    .requiredOption('--device <路径>', '块设备、磁盘镜像文件或介质挂载的文件夹')
    .action(
      cli.action(async (tag: string, o: { device: string }) =>
        cli.withSession(async ({ api }) => {
          const m = unwrap(await api.media.identify({ tag, device: cli.resolvePath(o.device) }));
          cli.print(m, (x) => `已将 ${x.tag} 的身份记录写入 ${o.device}。\n`);
          return EXIT.ok;
        }, await keyed()),
      ),
    );

  media
    .command('check')
    .description('核验插入的介质：是否本单位登记、身份记录是否真实、是否领用给您（6.1.3 e）；退出码 0 通过，1 不通过')
    .argument('<路径>', '块设备、磁盘镜像文件或介质挂载的文件夹')
    .action(
      cli.action(async (device: string) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(await api.media.check({ device: cli.resolvePath(device) }));
          cli.print(r, (x) => `${x.verdict === 'ok' ? '通过' : '不通过'}（${x.verdict}）${x.tag ? ` ${x.tag}` : ''}：${x.message}\n`);
          return r.verdict === 'ok' ? EXIT.ok : EXIT.checkFailed;
        }),
      ),
    );

  media
    .command('checkout')
    .description('申领在库介质，按本单位审批流程逐级审批后交付（6.1.3 c）')
    .argument('<资产编号>')
    .requiredOption('--purpose <用途>', '领用用途')
    .option('--days <天数>', '领用天数（1 到 366），默认 30', parseDays, 30)
    .action(
      cli.action(async (tag: string, o: { purpose: string; days: number }) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(await api.media.checkout({ tag, purpose: o.purpose, days: o.days }));
          cli.print(r, (x) => `已提交领用申请 ${x.id}（${x.tag}，${x.days} 天），待${x.steps[0]?.label ?? '审批'}。查看进度：dossier media requests --scope mine\n`);
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('wipe-request')
    .description('申请清除介质（信息安全员、保管人或领用人），按本单位清除审批流程审批')
    .argument('<资产编号>')
    .requiredOption('--reason <原因>', '清除原因')
    .option('--destination <去向>', `清除后去向：${WIPE_DESTINATIONS.map((d) => `${d}＝${WIPE_DESTINATION_LABELS[d]}`).join('、')}`, choice(WIPE_DESTINATIONS), 'reuse')
    .action(
      cli.action(async (tag: string, o: { reason: string; destination: (typeof WIPE_DESTINATIONS)[number] }) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(await api.media.wipeRequest({ tag, reason: o.reason, destination: o.destination }));
          cli.print(r, (x) => `已提交清除申请 ${x.id}（${x.tag}，${WIPE_DESTINATION_LABELS[x.destination ?? 'reuse']}）。\n`);
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('requests')
    .description('介质申请：待我审批的（默认）、本人的或全部')
    .option('--scope <范围>', 'actionable＝待我审批，mine＝本人的，all＝全部', choice(['actionable', 'mine', 'all'] as const), 'actionable')
    .option('--kind <种类>', 'checkout＝领用，wipe＝清除', choice(['checkout', 'wipe'] as const))
    .option('--tag <资产编号>', '只看这件介质的申请')
    .action(
      cli.action(async (o: { scope: 'actionable' | 'mine' | 'all'; kind?: 'checkout' | 'wipe'; tag?: string }) =>
        cli.withSession(async ({ api }) => {
          const rows = unwrap(await api.media.requests({ scope: o.scope, kind: o.kind, tag: o.tag ?? '' }));
          cli.print(rows, describeRequests);
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('approve')
    .description('审批介质申请的当前步骤（由审批流程规定的角色办理，不能审批本人的申请；以登录密码再次确认）；领用的最后一步生成签章的备案表，需要 DOSSIER_KEY_PASSPHRASE')
    .argument('<申请编号>')
    .option('--note <意见>', '审批意见')
    .action(
      cli.action(async (requestId: string, o: { note?: string }) =>
        cli.withSession(async ({ api, confirmPassword }) => {
          const r = unwrap(await api.media.approve({ requestId, note: o.note ?? '', confirmPassword }));
          cli.print(r, (x) =>
            x.status === 'approved'
              ? `申请 ${x.id}（${x.tag}）审批完毕${x.kind === 'checkout' ? `，已备案；交付：dossier media handover ${x.id}` : '，介质待清除或待销毁'}。\n`
              : `已审批申请 ${x.id}（${x.tag}）的一步，待${x.steps[x.nextStep ?? 0]?.label ?? '下一步'}。\n`,
          );
          return EXIT.ok;
        }, keyIfSet()),
      ),
    );

  media
    .command('reject')
    .description('不予批准介质申请的当前步骤，须写明理由')
    .argument('<申请编号>')
    .requiredOption('--reason <理由>', '不予批准的理由')
    .action(
      cli.action(async (requestId: string, o: { reason: string }) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(await api.media.reject({ requestId, reason: o.reason }));
          cli.print(r, (x) => `已不予批准申请 ${x.id}（${x.tag}）。\n`);
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('withdraw')
    .description('撤回本人的介质申请')
    .argument('<申请编号>')
    .action(
      cli.action(async (requestId: string) =>
        cli.withSession(async ({ api }) => {
          const r = unwrap(await api.media.withdraw({ requestId }));
          cli.print(r, (x) => `已撤回申请 ${x.id}（${x.tag}）。\n`);
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('handover')
    .description('把审批完毕并备案的介质交付领用人（保管人）；给出 --device 时先核验介质身份')
    .argument('<申请编号>')
    .option('--device <路径>', '交付前核验的介质路径')
    .action(
      cli.action(async (requestId: string, o: { device?: string }) =>
        cli.withSession(async ({ api }) => {
          const m = unwrap(await api.media.handover({ requestId, device: o.device === undefined ? undefined : cli.resolvePath(o.device) }));
          cli.print(m, (x) => `已将 ${x.tag} 交付 ${x.holderName ?? x.holder}，应于 ${x.dueAt} 前归还。\n`);
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('return')
    .description('归还已领用的介质（保管人或领用人）；给出 --device 时核验是否原领用的介质')
    .argument('<资产编号>')
    .option('--device <路径>', '核验的介质路径')
    .option('--note <说明>', '归还说明')
    .action(
      cli.action(async (tag: string, o: { device?: string; note?: string }) =>
        cli.withSession(async ({ api }) => {
          const m = unwrap(await api.media.return({ tag, device: o.device === undefined ? undefined : cli.resolvePath(o.device), note: o.note ?? '' }));
          cli.print(m, (x) => `${x.tag} 已归还入库。\n`);
          return EXIT.ok;
        }),
      ),
    );

  media
    .command('wipe')
    .description('清除已批准清除的介质（信息安全员；复核人在场以其密码确认；以登录密码再次确认）')
    .argument('<资产编号>')
    .requiredOption('--device <路径>', '块设备或磁盘镜像文件，须是该资产编号登记的介质')
    .option('--verification <方式>', 'full＝全部回读，sample＝NIST 抽样', choice(['full', 'sample'] as const), 'full')
    .requiredOption('--witness <用户名>', '复核人（NIST SP 800-88 附录 G 的第二人），密码取自 DOSSIER_WITNESS_PASSWORD 或终端输入')
    .action(
      cli.action(async (tag: string, o: { device: string; verification: 'full' | 'sample'; witness: string }) => {
        const keys = await keyed();
        const witnessPassword = cli.io.env.DOSSIER_WITNESS_PASSWORD || (await cli.ask(`复核人 ${o.witness} 的密码：`, 'DOSSIER_WITNESS_PASSWORD'));
        return cli.withSession(async ({ api, confirmPassword }) => {
          const r = unwrap(await api.media.wipe({ tag, device: cli.resolvePath(o.device), verification: o.verification, witness: o.witness, witnessPassword, confirmPassword }));
          cli.print(r, (x) =>
            renderFacts([
              ['介质', x.tag],
              ['方法', WIPE_METHOD_LABELS[x.method]],
              ['字节数', String(x.bytes)],
              ['覆写遍数', String(x.passes)],
              ['校验', `${x.isVerified ? '通过' : '未通过'}：${sanitizeCell(x.verificationDetail)}`],
              ['清除证明', x.certificate.number],
            ]),
          );
          return r.isVerified ? EXIT.ok : EXIT.checkFailed;
        }, keys);
      }),
    );

  media
    .command('certificate')
    .description('导出介质最近一份清除证明（签章 PDF/A，及 JSON）')
    .argument('<资产编号>')
    .requiredOption('--out <文件.pdf>', '证明 PDF 保存到这里（不覆盖已有文件）')
    .option('--json-out <文件.json>', '证明的 JSON 保存到这里')
    .action(
      cli.action(async (tag: string, o: { out: string; jsonOut?: string }) =>
        cli.withSession(async ({ api, openFile }) => {
          const targets = [cli.resolvePath(o.out), ...(o.jsonOut ? [cli.resolvePath(o.jsonOut)] : [])];
          const existing = targets.find((t) => existsSync(t));
          if (existing) throw usageError(`${existing} 已存在，未覆盖。请换一个文件名。`);
          const certificates = unwrap(await api.media.certificates({ tag }));
          const latest = [...certificates].sort((a, b) => a.performedAt.localeCompare(b.performedAt)).at(-1);
          if (!latest) throw usageError(`${tag} 还没有清除证明。清除或销毁完成后才有证明。`);
          copyFileSync(openFile(latest.pdf.id).path, targets[0]!, constants.COPYFILE_EXCL);
          if (targets[1]) copyFileSync(openFile(latest.json.id).path, targets[1], constants.COPYFILE_EXCL);
          cli.print(latest, (c) => `已导出 ${c.tag} 的清除证明 ${c.number}：${targets.join('，')}\n`);
          return EXIT.ok;
        }),
      ),
    );
}

function describeMedia(rows: MediumDto[]): string {
  if (!rows.length) return '台账中没有符合条件的存储介质。\n';
  return (
    renderTable(rows, [
      { header: '资产编号', value: (m) => m.tag },
      { header: '类型', value: (m) => MEDIUM_KIND_LABELS[m.kind], maxWidth: 16 },
      { header: '密级', value: (m) => m.classification },
      { header: '所属部门', value: (m) => sanitizeCell(m.department), maxWidth: 20 },
      { header: '状态', value: (m) => `${MEDIUM_STATUS_LABELS[m.status]}${m.isOverdue ? '（逾期）' : ''}` },
      { header: '领用人', value: (m) => (m.holder ? sanitizeCell(m.holderName ?? m.holder) : '') },
      { header: '序列号', value: (m) => sanitizeCell(m.serial), maxWidth: 24 },
    ]) + `共 ${rows.length} 件\n`
  );
}

function describeRequests(rows: MediaRequestDto[]): string {
  if (!rows.length) return '没有介质申请。\n';
  return (
    renderTable(rows, [
      { header: '编号', value: (r) => r.id, align: 'right' },
      { header: '种类', value: (r) => REQUEST_KIND[r.kind] },
      { header: '资产编号', value: (r) => r.tag },
      { header: '申请人', value: (r) => sanitizeCell(`${r.requestedByName}（${r.requestedByDepartment}）`), maxWidth: 24 },
      { header: '用途或原因', value: (r) => sanitizeCell(r.purpose), maxWidth: 30 },
      { header: '状态', value: (r) => (r.status === 'pending' && r.nextStep !== null ? `待${r.steps[r.nextStep]!.label}` : REQUEST_STATUS[r.status]) },
      { header: '可办理', value: (r) => (r.canAct ? '是' : '') },
    ]) + `共 ${rows.length} 件\n`
  );
}

function choice<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if (!(values as readonly string[]).includes(value)) throw new InvalidArgumentError(`应为 ${values.join('、')} 之一`);
    return value as T;
  };
}

function parseDays(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 366) throw new InvalidArgumentError('应为 1 到 366 之间的整数');
  return n;
}

function parseNonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('应为字节数（非负整数）');
  return n;
}
