// ci/corpus/inventory.cjs: what the installed corpus holds, checked against what it is meant
// to hold. Reads package.json (the pinned packages), kinds.txt (what each package is in the
// corpus for) and sanitizer-subset.txt (the globs of the sanitizer run), classifies every
// file txlint would analyse, and fails when a package does not contribute a kind it is
// listed for, when the corpus or the subset falls below its minimum size, or when the subset
// misses a kind. Usage:
//   node inventory.cjs check OUTDIR   checks; writes OUTDIR/full-args.txt (the paths of the
//                                     full run), OUTDIR/full-expect.txt ("FILES LINES" as
//                                     the full run's --stats must report them),
//                                     OUTDIR/subset-files.txt and OUTDIR/subset-expect.txt;
//                                     prints a summary
//   node inventory.cjs table          the composition table (markdown) for README.md
//   node inventory.cjs discover       every kind found in every package (to choose kinds)
// CORPUS_DIR (default: this folder) and CORPUS_MIN_PACKAGES, CORPUS_MIN_LINES,
// CORPUS_MIN_SUBSET_LINES exist for ci/tests/corpus_inventory.sh, which checks this script's
// model of txlint (file kinds, line counts, skipped folders) on a small corpus of its own.
'use strict';
const fs = require('fs');
const path = require('path');

const here = path.resolve(process.env.CORPUS_DIR || __dirname);
const modules = path.join(here, 'node_modules');
const MB = 1024 * 1024;
const MAX_FILE_SIZE = 5 * MB; // txlint's default max_file_size: larger files are skipped
const MIN_PACKAGES = Number(process.env.CORPUS_MIN_PACKAGES || 25);
const MIN_LINES = Number(process.env.CORPUS_MIN_LINES || 1500000);
const MIN_SUBSET_LINES = Number(process.env.CORPUS_MIN_SUBSET_LINES || 300000);
// Folder names txlint's directory walk never enters (analyzer/source/walk.c, skipped_dir).
// A folder named on the command line is walked whatever its name, so the full run names each
// of these inside a package; nested node_modules are other packages and stay out.
const WALK_SKIPS = new Set(['node_modules', '.git', 'dist', 'build', 'coverage', '.txlint-cache']);

function fail(msg) {
  console.error(`ci/corpus: ${msg}`);
  process.exitCode = 1;
}

// The language txlint gives a file name (analyzer/source/source.c, tx_source_lang_of).
function lang(name) {
  const m = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs|sql)$/.exec(name);
  if (!m || /\.d\.[mc]?ts$/.test(name)) return null;
  return m[1];
}

// Line ends as txlint finds them: LF, CRLF or a lone CR.
function countEnds(buf) {
  let n = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 10 || (buf[i] === 13 && buf[i + 1] !== 10)) n++;
  }
  return n;
}

const SCRIPT = new Set(['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs']);
const JS = new Set(['js', 'mjs', 'cjs', 'jsx']);
const TS = new Set(['ts', 'tsx', 'mts', 'cts']);
// What a file is, judged from its name and text. Each kind names something the front ends
// must survive; kinds.txt lists which of them each package is in the corpus for.
const KINDS = {
  minified: (f, t) =>
    SCRIPT.has(f.lang) && (/\.min\.[mc]?js$/.test(f.rel) || (f.bytes >= 4096 && f.bytes / f.lines >= 250)),
  'over-limit': (f) => f.bytes > MAX_FILE_SIZE,
  huge: (f) => f.bytes >= MB && f.bytes <= MAX_FILE_SIZE,
  ts: (f) => f.lang === 'ts',
  tsx: (f) => f.lang === 'tsx',
  'mts-cts': (f) => f.lang === 'mts' || f.lang === 'cts',
  jsx: (f) => f.lang === 'jsx',
  mjs: (f) => f.lang === 'mjs',
  cjs: (f) => f.lang === 'cjs',
  esm: (f, t) => JS.has(f.lang) && /^[ \t]*(import[\s{*'"]|export[\s{*])/m.test(t),
  commonjs: (f, t) =>
    JS.has(f.lang) && /\bmodule\.exports\b|\bexports\.[\w$]+\s*=|\brequire\(\s*['"]/.test(t),
  // Decorator syntax in TypeScript, TypeScript's compiled __decorate calls, or the decorator
  // implementations of a decorator library (its decorator/ or decorators/ folder).
  decorators: (f, t) =>
    SCRIPT.has(f.lang) &&
    ((TS.has(f.lang) && /^[ \t]*@[A-Za-z_$][\w$.]*[ \t]*(\(|$)/m.test(t)) ||
      /\b__decorate\(/.test(t) ||
      /(^|\/)decorators?\//.test(f.rel)),
  classes: (f, t) => SCRIPT.has(f.lang) && (t.match(/\bclass\s+[A-Za-z_$][\w$]*/g) || []).length >= 20,
  'anonymous-class': (f, t) =>
    SCRIPT.has(f.lang) && /(^|[=(,:?!&|[{;]|\breturn|\bnew|\bdefault)\s*class\s*(extends\b|\{)/m.test(t),
  sql: (f) => f.lang === 'sql',
  plpgsql: (f, t) => f.lang === 'sql' && /\blanguage\s+'?plpgsql\b|\bdo\s+\$/i.test(t),
  supabase: (f) => f.rel.startsWith('@supabase/'),
};

function readKinds() {
  const want = new Map();
  const text = fs.readFileSync(path.join(here, 'kinds.txt'), 'utf8');
  text.split('\n').forEach((line, i) => {
    line = line.replace(/#.*/, '').trim();
    if (!line) return;
    const [pkg, ...kinds] = line.split(/\s+/);
    if (want.has(pkg)) fail(`kinds.txt:${i + 1}: ${pkg} listed twice`);
    for (const k of kinds) if (!KINDS[k]) fail(`kinds.txt:${i + 1}: unknown kind '${k}'`);
    if (!kinds.length) fail(`kinds.txt:${i + 1}: ${pkg} has no kind`);
    want.set(pkg, kinds);
  });
  return want;
}

// Every file of a package that txlint would analyse, without nested node_modules; and the
// folders the walk would skip, which the full run names explicitly.
function scan(pkg) {
  const root = path.join(modules, pkg);
  const files = [];
  const dirs = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop();
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name === 'node_modules') continue;
        if (WALK_SKIPS.has(e.name)) dirs.push(path.relative(modules, abs));
        stack.push(abs);
      } else if (e.isFile() && lang(e.name)) {
        files.push(abs);
      }
    }
  }
  files.sort();
  dirs.sort();
  return {
    dirs,
    files: files.map((abs) => {
      const buf = fs.readFileSync(abs);
      const f = { rel: path.relative(modules, abs), lang: lang(abs), bytes: buf.length };
      const ends = countEnds(buf);
      const last = buf.length ? buf[buf.length - 1] : 10;
      // Lines as people count them (`wc -l`, plus an unterminated last line) for the table;
      // txlint's --stats counts line starts (one more when the file ends with a line end)
      // of the files it reads, which the runner compares to show the run read everything.
      f.lines = last === 10 || last === 13 ? ends : ends + 1;
      f.statLines = buf.length && buf.length <= MAX_FILE_SIZE ? ends + 1 : 0;
      const text = buf.toString('latin1');
      f.kinds = Object.keys(KINDS).filter((k) => KINDS[k](f, text));
      return f;
    }),
  };
}

// The files of ci/corpus itself that txlint's walk of the project root finds.
function contextFiles() {
  const files = [];
  const stack = [here];
  while (stack.length) {
    const dir = stack.pop();
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory() && !WALK_SKIPS.has(e.name)) stack.push(abs);
      else if (e.isFile() && lang(e.name)) {
        const buf = fs.readFileSync(abs);
        files.push({ bytes: buf.length, lines: 0, statLines: buf.length ? countEnds(buf) + 1 : 0, kinds: [] });
      }
    }
  }
  return files;
}

// A glob of sanitizer-subset.txt: `**` any number of folders, `*` and `?` within a name;
// a pattern naming a folder covers what is inside it.
function globRegex(g) {
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      re += g[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += g[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}(?:/.*)?$`);
}

function readSubset(all) {
  const chosen = new Set();
  const text = fs.readFileSync(path.join(here, 'sanitizer-subset.txt'), 'utf8');
  text.split('\n').forEach((line, i) => {
    line = line.replace(/#.*/, '').trim();
    if (!line) return;
    const re = globRegex(line);
    const hit = all.filter((f) => re.test(f.rel));
    if (!hit.length) fail(`sanitizer-subset.txt:${i + 1}: '${line}' matches no file`);
    for (const f of hit) chosen.add(f);
  });
  return [...chosen].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

function summarise(files) {
  const s = { files: files.length, lines: 0, statLines: 0, bytes: 0, skipped: 0, kinds: {} };
  for (const f of files) {
    s.bytes += f.bytes;
    s.statLines += f.statLines;
    if (f.bytes > MAX_FILE_SIZE) s.skipped++;
    else s.lines += f.lines;
    for (const k of f.kinds) s.kinds[k] = (s.kinds[k] || 0) + 1;
  }
  return s;
}

function main() {
  const [mode = 'check', out] = process.argv.slice(2);
  if (!fs.existsSync(modules)) {
    fail(`${modules} is missing: run ci/setup`);
    return;
  }
  const pinned = Object.keys(JSON.parse(fs.readFileSync(path.join(here, 'package.json'))).dependencies);
  if (mode === 'discover') {
    for (const p of pinned.sort()) console.log(p.padEnd(30), JSON.stringify(summarise(scan(p).files).kinds));
    return;
  }
  const want = readKinds();
  for (const p of pinned) if (!want.has(p)) fail(`${p} is pinned in package.json but not in kinds.txt`);
  for (const p of want.keys()) if (!pinned.includes(p)) fail(`${p} is in kinds.txt but not pinned in package.json`);
  const pkgs = pinned.filter((p) => want.has(p)).sort();
  const scans = new Map(pkgs.map((p) => [p, scan(p)]));
  const all = pkgs.flatMap((p) => scans.get(p).files);
  const total = summarise(all);

  if (mode === 'table') {
    console.log('| package | version | kinds it is here for | files | lines |');
    console.log('|---|---|---|---:|---:|');
    for (const p of pkgs) {
      const s = summarise(scans.get(p).files);
      const v = JSON.parse(fs.readFileSync(path.join(modules, p, 'package.json'))).version;
      const skipped = s.skipped ? ` (+${s.skipped} over 5 MB)` : '';
      console.log(`| ${p} | ${v} | ${want.get(p).join(', ')} | ${s.files} | ${s.lines.toLocaleString('en-US')}${skipped} |`);
    }
    console.log(`| **${pkgs.length} packages** | | | **${total.files}** | **${total.lines.toLocaleString('en-US')}** |`);
    const subset = summarise(readSubset(all));
    console.log(`\nSanitizer subset: ${subset.files} files, ${subset.lines.toLocaleString('en-US')} lines.`);
    console.log('Files per kind (corpus / subset):',
      Object.keys(KINDS).map((k) => `${k} ${total.kinds[k] || 0}/${subset.kinds[k] || 0}`).join(', ') + '.');
    return;
  }
  if (mode !== 'check' || !out) {
    fail('usage: node inventory.cjs check OUTDIR | table | discover');
    return;
  }

  for (const p of pkgs) {
    const s = summarise(scans.get(p).files);
    for (const k of want.get(p)) {
      if (!s.kinds[k]) fail(`${p} is listed for '${k}' but has no such file`);
    }
  }
  if (pkgs.length < MIN_PACKAGES) fail(`${pkgs.length} packages, fewer than ${MIN_PACKAGES}`);
  if (total.lines < MIN_LINES) fail(`${total.lines} lines, fewer than ${MIN_LINES}`);
  const subsetFiles = readSubset(all);
  const subset = summarise(subsetFiles);
  if (subset.lines < MIN_SUBSET_LINES) fail(`sanitizer subset: ${subset.lines} lines, fewer than ${MIN_SUBSET_LINES}`);
  for (const k of new Set([...want.values()].flat())) {
    if (!subset.kinds[k]) fail(`sanitizer subset has no '${k}' file`);
  }

  fs.mkdirSync(out, { recursive: true });
  const args = pkgs.flatMap((p) => [p, ...scans.get(p).dirs]).map((d) => `node_modules/${d}`);
  fs.writeFileSync(path.join(out, 'full-args.txt'), args.join('\n') + '\n');
  fs.writeFileSync(path.join(out, 'full-expect.txt'), `${total.files} ${total.statLines}\n`);
  fs.writeFileSync(path.join(out, 'subset-files.txt'), subsetFiles.map((f) => `node_modules/${f.rel}\n`).join(''));
  // Named files only: txlint also reads the project (this folder, without node_modules) for
  // context, as it does for pre-commit; those files count in its --stats too.
  const context = summarise(contextFiles());
  fs.writeFileSync(
    path.join(out, 'subset-expect.txt'),
    `${subset.files + context.files} ${subset.statLines + context.statLines}\n`,
  );
  console.log(
    `ci/corpus: ${pkgs.length} packages, ${total.files} files, ${total.lines} lines` +
      ` (${total.skipped} of them over 5 MB, skipped by txlint), ${(total.bytes / MB).toFixed(1)} MB;` +
      ` sanitizer subset ${subset.files} files, ${subset.lines} lines`,
  );
}

main();
