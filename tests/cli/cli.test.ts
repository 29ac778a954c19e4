import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { ExchangeFile } from '../../src/shared/report';
import { tempDir } from '../storage/helpers';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'gov-report.mjs');
const cleanPath = join(root, 'tests/fixtures/2025-clean.json');
const clean = JSON.parse(readFileSync(cleanPath, 'utf8')) as Record<string, any>;
const fushunText = join(root, 'tests', 'fixtures', '2020-fushun-education-bureau.txt');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(dir: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    encoding: 'utf8',
    // No --db: the default data folder goes to the temp dir, never the user's.
    env: { ...process.env, GOV_REPORT_DATA_DIR: join(dir, 'appdata') },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function noStack(r: Run): void {
  assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at [\w.<]+ \(|node:internal/, 'no stack trace');
}

function workdir(t: TestContext): string {
  return tempDir(t, 'gov-cli-');
}

test('--help is in Chinese and lists every command', (t) => {
  const r = cli(workdir(t), '--help');
  assert.equal(r.code, 0);
  for (const cmd of ['check', 'export', 'new', 'import', 'db list', 'db import', 'db export', 'db backup', 'db restore']) assert.ok(r.stdout.includes(`gov-report ${cmd}`), cmd);
  assert.match(r.stdout, /用法/);
  const unknown = cli(workdir(t), 'frobnicate');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /未知的命令“frobnicate”/);
  const option = cli(workdir(t), 'check', cleanPath, '--colour');
  assert.equal(option.code, 2);
  assert.match(option.stderr, /未知的参数“--colour”/);
});

test('new → a blank exchange file; check: 0 for a clean report, 1 with errors, JSON findings', (t) => {
  const dir = workdir(t);
  const made = cli(dir, 'new', '--year', '2025', '--agency', '某某县教育局', '--level', 'county-department');
  assert.equal(made.code, 0, made.stderr);
  const blank = ExchangeFile.parse(JSON.parse(made.stdout));
  assert.equal(blank.year, 2025);
  assert.equal(blank.format, 'GOV-2021');
  assert.ok(Object.values(blank.cells).every((v) => v === null));
  writeFileSync(join(dir, 'blank.json'), made.stdout);

  const ok = cli(dir, 'check', cleanPath);
  assert.equal(ok.code, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /0 处错误/);

  const bad = cli(dir, 'check', 'blank.json');
  assert.equal(bad.code, 1);
  assert.match(bad.stdout, /\[错误\] cell\.missing/);
  assert.match(bad.stdout, /单元格：t3\.new\.natural/);

  const json = cli(dir, 'check', 'blank.json', '--json');
  assert.equal(json.code, 1);
  const { findings } = JSON.parse(json.stdout) as { findings: Record<string, unknown>[] };
  assert.ok(findings.length > 0);
  for (const f of findings) assert.deepEqual(Object.keys(f).sort(), ['cells', 'message', 'rule', 'severity']);
  assert.ok(findings.some((f) => f.rule === 'cell.missing' && f.severity === 'error'));
});

test('check --previous compares with last year (carry-over)', (t) => {
  const dir = workdir(t);
  const last = structuredClone(clean);
  last.year = 2024;
  // Last year carried out one more than this year's 上年结转 says.
  last.cells['t3.carriedOut.natural'] = (clean.cells['t3.carriedIn.natural'] ?? 0) + 1;
  last.cells['t3.carriedOut.total'] = (clean.cells['t3.carriedIn.total'] ?? 0) + 1;
  writeFileSync(join(dir, 'last.json'), JSON.stringify(last));
  const r = cli(dir, 'check', cleanPath, '--previous', 'last.json', '--json');
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  const { findings } = JSON.parse(r.stdout) as { findings: { rule: string; cells: string[] }[] };
  assert.ok(findings.some((f) => f.rule.startsWith('xyear.') && f.cells.includes('t3.carriedIn.natural')), JSON.stringify(findings));
  const without = JSON.parse(cli(dir, 'check', cleanPath, '--json').stdout) as { findings: { rule: string }[] };
  assert.ok(!without.findings.some((f) => f.rule.startsWith('xyear.')));
});

test('bad input → Chinese message naming the field, exit 2, nothing written', (t) => {
  const dir = workdir(t);
  const cases: [string, unknown, RegExp][] = [
    ['unknown-cell', { ...clean, cells: { ...clean.cells, 't3.nope.natural': 1 } }, /字段 cells\.t3\.nope\.natural：未知的单元格/],
    ['letters', { ...clean, cells: { ...clean.cells, 't3.new.natural': '12a' } }, /字段 cells\.t3\.new\.natural：.*“12a”/],
    ['negative', { ...clean, cells: { ...clean.cells, 't3.new.natural': -3 } }, /字段 cells\.t3\.new\.natural：.*不能为负数/],
    ['fraction', { ...clean, cells: { ...clean.cells, 't3.new.natural': 1.5 } }, /字段 cells\.t3\.new\.natural：.*应为整数/],
    ['huge', { ...clean, cells: { ...clean.cells, 't3.new.natural': 1e20 } }, /字段 cells\.t3\.new\.natural：.*过大/],
    ['string', { ...clean, cells: { ...clean.cells, 't3.new.natural': '5' } }, /字段 cells\.t3\.new\.natural：.*文字“5”/],
    ['no-year', (({ year: _y, ...rest }) => rest)(clean), /字段 year：/],
  ];
  writeFileSync(join(dir, 'invalid.json'), '{ "schema": "gov-annual-report/1", ');
  const inputs: [string, RegExp][] = [['invalid.json', /不是有效的 JSON 文件：第 1 行/]];
  for (const [name, doc, message] of cases) {
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(doc));
    inputs.push([`${name}.json`, message]);
  }
  const db = join(dir, 'db.sqlite');
  for (const [file, message] of inputs) {
    const r = cli(dir, 'check', file);
    assert.equal(r.code, 2, `check ${file}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message, file);
    noStack(r);
  }
  // The other ways in, on a few of them (each process costs a second).
  for (const [file, message] of inputs.filter(([f]) => /invalid|letters|no-year/.test(f))) {
    for (const args of [['export', file, '--docx', 'out.docx', '--force'], ['import', file]]) {
      const r = cli(dir, ...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      noStack(r);
    }
  }
  // db import takes them all at once and reports each file.
  const imported = cli(dir, 'db', 'import', ...inputs.map(([f]) => f), '--db', db);
  assert.equal(imported.code, 2);
  for (const [file, message] of inputs) {
    assert.ok(imported.stderr.includes(`未导入：${file}`), file);
    assert.match(imported.stderr, message);
  }
  noStack(imported);
  assert.equal(existsSync(join(dir, 'out.docx')), false, 'no export written');
  assert.equal(cli(dir, 'db', 'list', '--db', db, '--json').stdout.trim(), '[]', 'nothing imported');
  assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);

  const missing = cli(dir, 'check', 'absent.json');
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /无法读取文件“absent\.json”：文件不存在/);
  const noYear = cli(dir, 'new', '--agency', '某局', '--level', 'county');
  assert.equal(noYear.code, 2);
  assert.match(noYear.stderr, /缺少参数 --year/);
  const badYear = cli(dir, 'new', '--year', '20x5', '--agency', '某局', '--level', 'county');
  assert.equal(badYear.code, 2);
  assert.match(badYear.stderr, /--year.*\n?.*年度应为数字/);
  const badLevel = cli(dir, 'new', '--year', '2025', '--agency', '某局', '--level', 'galaxy');
  assert.equal(badLevel.code, 2);
  assert.match(badLevel.stderr, /--level.*galaxy/);
});

test('export: refused with the errors listed (exit 1, no file), --force writes it, --docx and --html', (t) => {
  const dir = workdir(t);
  writeFileSync(join(dir, 'blank.json'), cli(dir, 'new', '--year', '2025', '--agency', '某某县教育局', '--level', 'county-department').stdout);
  const refused = cli(dir, 'export', 'blank.json', '--docx', 'blank.docx');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /处错误，未导出/);
  assert.match(refused.stderr, /--force/);
  assert.equal(existsSync(join(dir, 'blank.docx')), false);
  const forced = cli(dir, 'export', 'blank.json', '--docx', 'blank.docx', '--force');
  assert.equal(forced.code, 0, forced.stderr);
  assert.equal(readFileSync(join(dir, 'blank.docx')).subarray(0, 2).toString(), 'PK');

  const both = cli(dir, 'export', cleanPath, '--docx', 'clean.docx', '--html', 'clean.html');
  assert.equal(both.code, 0, both.stderr);
  assert.match(both.stdout, /已导出/);
  assert.equal(readFileSync(join(dir, 'clean.docx')).subarray(0, 2).toString(), 'PK');
  assert.ok(readFileSync(join(dir, 'clean.html'), 'utf8').includes(clean.agency.name));
  // A published report is audited straight from the .docx or the web page: import, then check.
  for (const file of ['clean.docx', 'clean.html']) {
    const audit = cli(dir, 'check', file);
    assert.equal(audit.code, 0, `${file}: ${audit.stdout}${audit.stderr}`);
    assert.match(audit.stdout, /0 处错误/);
    assert.match(audit.stderr, /导入：识别 \d+ 项/);
  }
  const none = cli(dir, 'export', cleanPath);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /缺少参数 --docx/);
});

test('import and check a published report in plain text (the Fushun fixture)', (t) => {
  const dir = workdir(t);
  const r = cli(dir, 'import', fushunText, '--json');
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { exchange: unknown; importReport: { source: string; matched: number } };
  const doc = ExchangeFile.parse(out.exchange);
  assert.equal(doc.year, 2020);
  assert.equal(doc.format, 'GOV-2019');
  assert.equal(out.importReport.source, 'text');
  assert.ok(out.importReport.matched > 100);
  const plain = cli(dir, 'import', fushunText);
  assert.equal(plain.code, 0);
  assert.deepEqual(JSON.parse(plain.stdout), out.exchange, 'stdout: the exchange file alone');
  assert.match(plain.stderr, /导入：识别 \d+ 项/);
  const checked = cli(dir, 'check', fushunText, '--json');
  assert.ok(checked.code === 0 || checked.code === 1, checked.stderr);
  assert.ok(Array.isArray(JSON.parse(checked.stdout).findings));
});

test('db: import, list, export, backup, restore — and a corrupt database names the backup to restore', (t) => {
  const dir = workdir(t);
  const db = join(dir, 'data', 'reports.sqlite');
  const blank = cli(dir, 'new', '--year', '2024', '--agency', '某某县教育局', '--level', 'county-department');
  writeFileSync(join(dir, 'blank.json'), blank.stdout);
  const imported = cli(dir, 'db', 'import', cleanPath, 'blank.json', '--db', db);
  assert.equal(imported.code, 0, imported.stderr);
  assert.equal(imported.stdout.match(/已导入/g)?.length, 2);
  const again = cli(dir, 'db', 'import', cleanPath, '--db', db);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /已存在[\s\S]*--replace/);
  assert.equal(cli(dir, 'db', 'import', cleanPath, '--db', db, '--replace').code, 0);

  const list = cli(dir, 'db', 'list', '--db', db);
  assert.equal(list.code, 0);
  assert.match(list.stdout, /编号\s+机关\s+年度/);
  assert.ok(list.stdout.includes(clean.agency.name) && list.stdout.includes('某某县教育局'));
  const rows = JSON.parse(cli(dir, 'db', 'list', '--db', db, '--json').stdout) as { id: number; agencyName: string }[];
  const id = rows.find((r) => r.agencyName === clean.agency.name)!.id;

  const exported = cli(dir, 'db', 'export', String(id), '--db', db);
  assert.equal(exported.code, 0);
  assert.deepEqual(ExchangeFile.parse(JSON.parse(exported.stdout)).cells, ExchangeFile.parse(clean).cells);
  assert.equal(cli(dir, 'db', 'export', String(id), '--out', 'copy.json', '--db', db).code, 0);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'copy.json'), 'utf8')), JSON.parse(exported.stdout));
  assert.equal(cli(dir, 'db', 'export', 'x', '--db', db).code, 2);
  assert.equal(cli(dir, 'db', 'export', '999', '--db', db).code, 2);

  const backup = cli(dir, 'db', 'backup', '--db', db);
  assert.equal(backup.code, 0, backup.stderr);
  const name = /已备份：(\S+\.sqlite)/.exec(backup.stdout)![1]!;
  assert.ok(cli(dir, 'db', 'backup', '--list', '--db', db).stdout.includes(name));

  // Damage the database: every command now explains how to restore, without a stack trace.
  writeFileSync(db, Buffer.alloc(8192, 0x42));
  for (const f of ['-wal', '-shm']) if (existsSync(db + f)) writeFileSync(db + f, '');
  const broken = cli(dir, 'db', 'list', '--db', db);
  assert.equal(broken.code, 3, 'a database that cannot be used: exit 3, as documented');
  assert.match(broken.stderr, /数据库文件已损坏/);
  assert.ok(broken.stderr.includes(`gov-report db restore ${name}`), broken.stderr);
  noStack(broken);

  const restored = cli(dir, 'db', 'restore', name, '--db', db);
  assert.equal(restored.code, 0, restored.stderr);
  assert.match(restored.stdout, /已恢复备份/);
  assert.match(restored.stdout, /改名保留为：.*corrupt-/);
  assert.equal((JSON.parse(cli(dir, 'db', 'list', '--db', db, '--json').stdout) as unknown[]).length, 2);
  assert.ok(readdirSync(join(dir, 'data')).some((f) => f.includes('.corrupt-')), 'the damaged file is kept');

  // Restore on a sound database keeps a backup of the current state first.
  const second = cli(dir, 'db', 'restore', name, '--db', db);
  assert.equal(second.code, 0, second.stderr);
  assert.match(cli(dir, 'db', 'backup', '--list', '--db', db).stdout, /before-restore/);
  assert.equal(cli(dir, 'db', 'restore', 'nope.sqlite', '--db', db).code, 2);
  assert.equal(cli(dir, 'db', 'frob', '--db', db).code, 2);
});

test('db without --db uses the app data folder', (t) => {
  const dir = workdir(t);
  assert.equal(cli(dir, 'db', 'import', cleanPath).code, 0);
  assert.ok(existsSync(join(dir, 'appdata', 'reports.sqlite')));
  assert.match(cli(dir, 'db', 'list').stdout, new RegExp(clean.agency.name));
});
