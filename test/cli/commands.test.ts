import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD, KEY_PASSPHRASE,
  AUDITOR_PASSWORD,
  FIXTURE_FOLDER,
  OFFICER_PASSWORD,
  cli,
  setUpUnitViaCli,
  tempDir,
  type Invocation,
} from './harness';

const CASE_NUMBER = '通烟立〔2024〕第12号';

describe('dossier init', () => {
  it('sets up the unit and refuses to do it twice', async () => {
    const dataDir = tempDir();
    const env = { DOSSIER_DATA: dataDir, DOSSIER_PASSWORD: ADMIN_PASSWORD, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE };
    const first = await cli(['init', '--unit', '南通市烟草专卖局', '--fonds', 'J032', '--admin', 'admin'], { env });
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toContain('初始设置完成');
    expect(first.stdout).toContain('J032');

    const again = await cli(['init', '--unit', '南通市烟草专卖局', '--fonds', 'J032', '--admin', 'admin2'], { env });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('不能重复设置');
  });

  it('asks for the password twice on a terminal and refuses a mismatch', async () => {
    const answers = ['admin-pass-2024', 'admin-pass-2025'];
    const questions: string[] = [];
    const result = await cli(['init', '--unit', '南通市烟草专卖局', '--fonds', 'J032', '--admin', 'admin'], {
      env: { DOSSIER_DATA: tempDir() },
      prompt: async (q) => (questions.push(q), answers.shift() ?? ''),
    });
    expect(questions).toHaveLength(2);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('两次输入的密码不一致');
  });

  it('uses the password typed at the prompt', async () => {
    const dataDir = tempDir();
    const result = await cli(['--data', dataDir, 'init', '--unit', '南通市烟草专卖局', '--fonds', 'J032', '--admin', 'admin'], {
      prompt: async () => ADMIN_PASSWORD,
    });
    expect(result.code).toBe(0);
    const list = await cli(['--data', dataDir, '--user', 'admin', 'user', 'list'], { prompt: async () => ADMIN_PASSWORD });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('admin');
  });

  it('says to set DOSSIER_PASSWORD when there is neither the variable nor a terminal', async () => {
    const result = await cli(['init', '--unit', '南通市烟草专卖局', '--fonds', 'J032', '--admin', 'admin'], { env: { DOSSIER_DATA: tempDir() } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DOSSIER_PASSWORD');
  });

  it('passes the core’s validation message through, e.g. a short password', async () => {
    const result = await cli(['init', '--unit', '南通市烟草专卖局', '--fonds', 'J032', '--admin', 'admin'], {
      env: { DOSSIER_DATA: tempDir(), DOSSIER_PASSWORD: 'short', DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('密码至少 8 位');
  });

  it('asks for the signing-key passphrase unless DOSSIER_KEY_PASSPHRASE is set, and refuses a short one', async () => {
    const env = { DOSSIER_DATA: tempDir(), DOSSIER_PASSWORD: ADMIN_PASSWORD };
    const none = await cli(['init', '--unit', '南通市烟草专卖局', '--fonds', 'J032', '--admin', 'admin'], { env });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('DOSSIER_KEY_PASSPHRASE');
    const short = await cli(['init', '--unit', '南通市烟草专卖局', '--fonds', 'J032', '--admin', 'admin'], { env: { ...env, DOSSIER_KEY_PASSPHRASE: '短口令' } });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('至少需要 8 个字符');
  });
});

/** The same person, with the unit key's passphrase in the environment (what signing needs). */
const withKey = (invocation: Invocation): Invocation => ({ ...invocation, env: { ...invocation.env, DOSSIER_KEY_PASSPHRASE: KEY_PASSPHRASE } });

describe('dossier over a set-up unit', () => {
  let dataDir: string;
  let as: (user: string, password: string) => Invocation;
  let admin: Invocation;
  let officer: Invocation;
  let auditor: Invocation;

  beforeAll(async () => {
    ({ dataDir, as } = await setUpUnitViaCli());
    admin = as('admin', ADMIN_PASSWORD);
    officer = as('chenli', OFFICER_PASSWORD);
    auditor = as('shenji', AUDITOR_PASSWORD);
  });

  describe('signing in', () => {
    it('exits 3 on a wrong password', async () => {
      const result = await cli(['user', 'list'], as('admin', 'wrong-password'));
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('用户名或密码不正确');
      expect(result.stdout).toBe('');
    });

    it('reports the error as JSON on stdout with --json', async () => {
      const result = await cli(['user', 'list', '--json'], as('nobody', 'wrong-password'));
      expect(result.code).toBe(3);
      expect(JSON.parse(result.stdout)).toEqual({ error: { code: 'unauthenticated', message: expect.stringContaining('用户名或密码不正确') } });
    });

    it('exits 2 when no user is named', async () => {
      const result = await cli(['user', 'list'], { env: { DOSSIER_DATA: dataDir, DOSSIER_PASSWORD: ADMIN_PASSWORD } });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('DOSSIER_USER');
    });

    it('exits 2 for a data folder that does not exist, without creating it', async () => {
      const missing = path.join(tempDir(), 'no-such-archive');
      const result = await cli(['--data', missing, 'case', 'list'], officer);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('dossier init');
      expect(fs.existsSync(missing)).toBe(false);
    });

    it('takes --data and --user over the environment', async () => {
      const result = await cli(['--data', dataDir, '--user', 'admin', 'user', 'list'], {
        env: { DOSSIER_DATA: tempDir(), DOSSIER_USER: 'chenli', DOSSIER_PASSWORD: ADMIN_PASSWORD },
      });
      expect(result.code).toBe(0);
    });
  });

  describe('user', () => {
    it('lists the people with their roles in Chinese', async () => {
      const result = await cli(['user', 'list'], admin);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/chenli\s+陈立\s+专卖监督管理科\s+承办人\s+在用/);
      expect(result.stdout).toContain('共 3 人');
    });

    it('prints the response value with --json', async () => {
      const result = await cli(['--json', 'user', 'list'], admin);
      const users = JSON.parse(result.stdout) as { username: string; roles: string[] }[];
      expect(users.map((u) => u.username)).toEqual(['admin', 'chenli', 'shenji']);
      expect(users[1]!.roles).toEqual(['case-officer']);
    });

    it('refuses `user add` to a case officer with exit 3', async () => {
      const result = await cli(['user', 'add', 'zhou', '--role', 'reader'], {
        env: { ...officer.env, DOSSIER_NEW_PASSWORD: 'zhou-pass-2024' },
      });
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('权限');
    });

    it('refuses unknown roles with exit 2, listing the valid ones, before asking for anything', async () => {
      let asked = false;
      const result = await cli(['user', 'add', 'zhou', '--role', 'reader,boss'], {
        env: { DOSSIER_DATA: dataDir },
        prompt: async () => ((asked = true), ''),
      });
      expect(result.code).toBe(2);
      expect(asked).toBe(false);
      expect(result.stderr).toContain('未知角色：boss');
      expect(result.stderr).toContain('case-officer（承办人）');
      expect(result.stderr).toContain('auditor（安全审计员）');
    });

    it('adds a person with several roles, asking for the new password twice', async () => {
      const questions: string[] = [];
      const result = await cli(['user', 'add', 'zhoumin', '--role', 'archivist，reader', '--display-name', '周敏'], {
        ...admin,
        prompt: async (q) => (questions.push(q), 'zhoumin-pass-2024'),
      });
      expect(result.code).toBe(0);
      expect(questions).toEqual(['zhoumin的新密码：', '再次输入zhoumin的新密码：']);
      expect(result.stdout).toContain('已添加人员 zhoumin（周敏，办公室）');
      const login = await cli(['case', 'list'], as('zhoumin', 'zhoumin-pass-2024'));
      expect(login.code).toBe(0);
    });

    it('exits 2 on a duplicate user name', async () => {
      const result = await cli(['user', 'add', 'chenli', '--role', 'reader'], { env: { ...admin.env, DOSSIER_NEW_PASSWORD: 'whatever-2024' } });
      expect(result.code).toBe(2);
    });
  });

  describe('case', () => {
    beforeAll(async () => {
      const result = await cli(['case', 'import', path.relative(path.dirname(FIXTURE_FOLDER), FIXTURE_FOLDER)], {
        ...officer,
        cwd: path.dirname(FIXTURE_FOLDER),
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`已导入案件 ${CASE_NUMBER}`);
    });

    it('refuses to import the same folder twice', async () => {
      const result = await cli(['case', 'import', FIXTURE_FOLDER], officer);
      expect(result.code).toBe(2);
    });

    it('finds the imported case by part of the party’s name', async () => {
      const result = await cli(['case', 'list', '--search', '建国'], officer);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(CASE_NUMBER);
      expect(result.stdout).toContain('王建国');
      expect(result.stdout).toContain('共 1 件');
      const none = await cli(['case', 'list', '--search', '李四'], officer);
      expect(none.stdout).toContain('没有找到案件');
    });

    it('lists as JSON, honouring --limit', async () => {
      const result = await cli(['case', 'list', '--limit', '1', '--json'], officer);
      const page = JSON.parse(result.stdout) as { total: number; items: { caseNumber: string; recordCount: number }[] };
      expect(page.total).toBe(1);
      expect(page.items[0]).toMatchObject({ caseNumber: CASE_NUMBER, recordCount: 4 });
    });

    it('refuses a --limit that is not a count with exit 2', async () => {
      const result = await cli(['case', 'list', '--limit', 'abc'], officer);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('--limit');
      expect(result.stderr).toContain('1 到 500 的整数');
    });

    it('shows the facts and the records of a case', async () => {
      const result = await cli(['case', 'show', CASE_NUMBER], officer);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/当事人\s+王建国（个人，男，46 岁/);
      expect(result.stdout).toMatch(/承办人\s+陈立、周敏/);
      expect(result.stdout).toContain('文书（4 份）');
      expect(result.stdout).toMatch(/立案报告表.*2024-03-04\s+2024-03-05\s+1/);
      expect(result.stdout).toContain('通烟罚〔2024〕第12号');
    });

    it('exits 2 for an unknown case number', async () => {
      const result = await cli(['case', 'show', '通烟立〔2099〕第1号'], officer);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^错误：/);
    });

    it('refuses cases to the auditor with exit 3 (三员分立)', async () => {
      const result = await cli(['case', 'list'], auditor);
      expect(result.code).toBe(3);
    });
  });

  describe('usage errors exit 2', () => {
    it.each([
      [['case', 'list', '--bogus'], '未知选项 --bogus'],
      [['case', 'frobnicate'], '未知命令 frobnicate'],
      [['case', 'show'], '缺少参数'],
      [['audit', 'checkpoint'], '缺少必填选项 --out'],
      [['case'], ''],
      [[], ''],
    ])('%j', async (argv, message) => {
      const result = await cli(argv, officer);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    });

    it('prints help in Chinese with exit 0', async () => {
      const result = await cli(['case', '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('用法：');
      expect(result.stdout).toContain('import');
    });
  });

  describe('audit', () => {
    it('records the CLI’s calls in the audit log as channel cli', async () => {
      const db = new Database(path.join(dataDir, 'archive.db'), { readonly: true });
      const channels = db.prepare('SELECT DISTINCT channel FROM audit_log').all() as { channel: string }[];
      const imports = db.prepare("SELECT actor, outcome FROM audit_log WHERE action = 'cases.importFolder'").all();
      db.close();
      expect(channels).toEqual([{ channel: 'cli' }]);
      expect(imports).toContainEqual({ actor: 'chenli', outcome: 'ok' });
    });

    it('signs out at the end of every command, whatever its outcome', async () => {
      const db = new Database(path.join(dataDir, 'archive.db'), { readonly: true });
      const { started } = db.prepare('SELECT count(*) AS started FROM sessions').get() as { started: number };
      const { live } = db.prepare('SELECT count(*) AS live FROM sessions WHERE ended_at IS NULL').get() as { live: number };
      db.close();
      expect(started).toBeGreaterThan(10);
      expect(live).toBe(0);
    });

    it('is refused to a case officer with exit 3', async () => {
      expect((await cli(['audit', 'verify'], officer)).code).toBe(3);
    });

    it('exports a checkpoint, refuses to overwrite it, and verifies against it', async () => {
      const file = path.join(tempDir(), 'checkpoint.json');
      // Signing needs the unit's key: without its passphrase the auditor is told how to give it.
      const keyless = await cli(['audit', 'checkpoint', '--out', file], auditor);
      expect(keyless.code).not.toBe(0);
      expect(keyless.stderr).toContain('DOSSIER_KEY_PASSPHRASE');
      expect(fs.existsSync(file)).toBe(false);
      const exported = await cli(['audit', 'checkpoint', '--out', file], withKey(auditor));
      expect(exported.code).toBe(0);
      const checkpoint = JSON.parse(fs.readFileSync(file, 'utf8')) as { format: string; count: number; fondsNumber: string };
      expect(checkpoint).toMatchObject({ format: 'dossier-audit-checkpoint/2', fondsNumber: 'J032', signer: { subject: expect.stringContaining('南通市烟草专卖局') } });
      expect(exported.stdout).toContain('已用本单位证书签名');

      const again = await cli(['audit', 'checkpoint', '--out', file], withKey(auditor));
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('--force');
      expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(checkpoint);
      expect((await cli(['audit', 'checkpoint', '--out', file, '--force'], withKey(auditor))).code).toBe(0);

      const verified = await cli(['audit', 'verify', '--checkpoint', file], auditor);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toContain('检查点核对通过');
      expect(verified.stdout).toContain('检查点签名：签名有效');
      expect(verified.stdout).toContain('结论：审计日志完整');

      // Edited by hand: the values no longer match the signature, and verify says so with exit 1.
      fs.writeFileSync(file, JSON.stringify({ ...checkpoint, count: checkpoint.count - 1 }));
      const edited = await cli(['audit', 'verify', '--checkpoint', file], auditor);
      expect(edited.code).toBe(1);
      expect(edited.stdout).toContain('检查点的签名无效');
    });

    it('exits 2 for a checkpoint file that is missing or not a checkpoint', async () => {
      const dir = tempDir();
      expect((await cli(['audit', 'verify', '--checkpoint', path.join(dir, 'none.json')], auditor)).code).toBe(2);
      fs.writeFileSync(path.join(dir, 'bad.json'), '{"format":"something-else"}');
      const bad = await cli(['audit', 'verify', '--checkpoint', path.join(dir, 'bad.json')], auditor);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('不是本系统导出的审计检查点文件');
    });

    // Last in this block: it breaks the unit's log for good.
    it('exits 1 naming the entry once someone with the database file rewrites an entry', async () => {
      const intact = await cli(['audit', 'verify'], auditor);
      expect(intact.code).toBe(0);
      expect(intact.stdout).toContain('哈希链完整');

      const raw = new Database(path.join(dataDir, 'archive.db'));
      raw.exec('DROP TRIGGER audit_no_update');
      raw.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 5").run();
      raw.close();

      const broken = await cli(['audit', 'verify'], auditor);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain('哈希链在第 5 条断开');
      expect(broken.stdout).toContain('该条目被修改');
      expect(broken.stderr).toContain('校验未通过：哈希链在第 5 条断开');

      const json = await cli(['audit', 'verify', '--json'], auditor);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ isIntact: false, broken: { seq: 5, reason: expect.stringContaining('被修改') } });
    });
  });
});

describe('checkpoint against a log cut back', () => {
  it('exits 1 when the log is shorter than the checkpoint', async () => {
    const { dataDir, as } = await setUpUnitViaCli();
    const auditor = as('shenji', AUDITOR_PASSWORD);
    const file = path.join(tempDir(), 'checkpoint.json');
    expect((await cli(['audit', 'checkpoint', '--out', file], withKey(auditor))).code).toBe(0);
    const { count } = JSON.parse(fs.readFileSync(file, 'utf8')) as { count: number };

    const raw = new Database(path.join(dataDir, 'archive.db'));
    raw.exec('DROP TRIGGER audit_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE seq >= ?').run(count - 1);
    raw.close();

    const result = await cli(['audit', 'verify', '--checkpoint', file], auditor);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('检查点核对未通过');
    expect(result.stderr).toContain('截短');
  });
});
