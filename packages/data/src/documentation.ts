// Reads the documentation that sits next to a dataset (README, SOURCE, codebook, data dictionary,
// R help text) and pulls out what target discovery needs: a description per column and the
// columns the text treats as the outcome. Pure text functions, so they are tested without files.
import { readFile } from 'node:fs/promises';
import type { DatasetDocumentation } from '@mle-smith/core';

/** Documentation files, by base name (data dictionaries and help pages under any common name). */
const DOC_NAME = /^(readme|source|codebook|code[-_ ]?book|data[-_ ]?dictionary|dictionary|description|help|notes|about|variables)(\.(txt|md|markdown|rst|html?|text))?$|\.(rd|rdtxt)$/i;
/** Total characters kept: enough for a help page or a README, bounded for the LLM context. */
const MAX_TEXT = 20_000;
const MAX_COLUMN_DESCRIPTION = 300;

export function isDocumentationFile(baseName: string): boolean {
  return DOC_NAME.test(baseName);
}

/** The text of the documentation files at the dataset's top level (undefined: there are none). */
export async function readDocumentation(files: Array<{ path: string; abs: string }>): Promise<DatasetDocumentation | undefined> {
  const docs = files.filter((f) => !f.path.includes('/') && isDocumentationFile(f.path));
  if (docs.length === 0) return undefined;
  let text = '';
  for (const f of docs) {
    const body = stripRdMarkup((await readFile(f.abs, 'utf8')).replace(/^\uFEFF/, '')).trim();
    text += (text ? '\n\n' : '') + body;
  }
  return { files: docs.map((f) => f.path), text: text.slice(0, MAX_TEXT), columns: {}, responses: [] };
}

/** The documentation as it concerns one table's columns. */
export function documentationFor(doc: DatasetDocumentation, columns: string[]): DatasetDocumentation {
  return { ...doc, columns: columnDescriptions(doc.text, columns), responses: documentedResponses(doc.text, columns) };
}

/** Raw .Rd files: keep the words, drop the macros' braces (`\item{\code{x}}{desc}` → `x desc`). */
function stripRdMarkup(text: string): string {
  if (!/\\(name|docType|item|describe|format)\{/.test(text)) return text;
  return text
    .replace(/\\item\{\\code\{([^}]*)\}\}\{/g, '\n$1 ')
    .replace(/\\item\{([^}]*)\}\{/g, '\n$1 ')
    .replace(/\\(title|description|format|source|references|examples|details|usage)\{/g, (_, s: string) => `\n${s[0].toUpperCase()}${s.slice(1)}:\n`)
    .replace(/\\[a-zA-Z]+\{/g, '')
    .replace(/[{}]/g, '')
    .replace(/^%.*$/gm, '');
}

/** The words of a column name (`passengerClass` → passenger, class; `fatal1517` → fatal, 1517), 2+ characters. */
function nameWords(column: string): string[] {
  return column.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/([a-zA-Z])(\d)/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length >= 2);
}

/**
 * The content words of each title's head phrase, the part before its first preposition: "Survival
 * of Passengers on the Titanic" → survival. When the head says nothing ("Data on Depression",
 * "An updated version of the … sleep dataset"), the phrase after the preposition.
 */
function titleHeads(text: string): string[] {
  const out: string[] = [];
  for (const title of titleLines(text)) {
    const lower = title.toLowerCase();
    // "Impact of Beauty on Teaching Ratings": what the effect is on is the outcome.
    const effect = /^(?:the\s+)?(?:impact|effects?|influence)\s+of\s+.+?\s+on\s+(.+)$/.exec(lower);
    const phrases = (effect ? effect[1] : lower).split(/\s(?:of|for|from|in|on|among|by|vs\.?|versus|with|at)\s/);
    const content = (p: string) => (p.match(/[a-z][a-z0-9._-]{3,}/g) ?? []).filter((w) => !GENERIC_TITLE_WORDS.has(w) && !STUDY_WORDS.has(w));
    out.push(...(phrases.map(content).find((words) => words.length > 0) ?? []));
  }
  return out;
}

/**
 * Two words with one stem: a common prefix of at least three quarters of the shorter word
 * (survived/survival, switch/switching, headache/headaches); a word under five letters only as
 * itself or its plural, gerund or past form (wage/wages, tip/tipping, but not bili/biliary).
 */
export function sameStem(a: string, b: string): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < 5) return a === b || inflected(a, b) || inflected(b, a);
  let p = 0;
  while (p < shorter && a[p] === b[p]) p++;
  return p >= 4 && p >= Math.ceil(0.75 * shorter);
}

/** `short` is a short word and `word` its plural, gerund or past form: tip/tips, tip/tipping, vote/voting, wage/waged. */
function inflected(short: string, word: string): boolean {
  const stems = [short, short + short.at(-1), short.endsWith('e') ? short.slice(0, -1) : short];
  return word === short + 's' || word === short + 'es' || stems.some((st) => word === st + 'ing' || word === st + 'ed');
}

/** Heads that name the study, not its outcome: "Treatment of Migraine Headaches", "Determinants of Wages". */
const STUDY_WORDS = new Set('treatment treatments therapy trial trials methods method determinants comparison comparisons analyses'.split(' '));

/** Words every title may use ("… data", "… survey"): they say nothing about a column. */
const GENERIC_TITLE_WORDS = new Set('data dataset datasets database study studies survey surveys table tables information version updated expanded revised sample samples example examples records record observations measurements experiment experiments analysis values self-reports reports'.split(' '));

/**
 * Words every help page uses about itself ("A data set …", "a data frame with …", "the values
 * of …"): a column named so is mentioned only where the text quotes it.
 */
const DOCUMENT_WORDS = new Set('data dataset set frame table file variable variables value values observation observations record records sample samples'.split(' '));

/**
 * Where a sentence names a column as a word (quoted or not); -1 when it does not. A hyphen joins
 * words: "e-mail" and "non-spam" do not mention the columns `mail` and `spam`.
 */
function columnAt(sentence: string, column: string): number {
  const quote = DOCUMENT_WORDS.has(column.toLowerCase()) ? QUOTE : QUOTES;
  const m = new RegExp(`(^|[^\\w.-])${quote}${escapeRegExp(column)}${quote}($|[^\\w.-])`).exec(sentence);
  return m ? m.index + m[1].length : -1;
}

/**
 * Title lines: markdown headings, the first non-empty line, and an R help page's title (the line
 * before its "Description:" section, which a preface may push down).
 */
function titleLines(text: string): string[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const description = lines.findIndex((l) => /^description:?$/i.test(l));
  // In a help page, `#` lines are comments of its R examples, not headings.
  const out = description >= 0 ? [] : lines.filter((l) => /^#{1,3}\s/.test(l)).map((l) => l.replace(/^#+\s*/, ''));
  const first = lines.find((l) => l);
  if (first) out.push(first);
  for (let i = description - 1; i >= 0; i--) {
    if (lines[i]) {
      out.push(lines[i]);
      break;
    }
  }
  return out;
}

/** Sentences, paragraphs and list items: the spans a statement about a column lives in. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.])\s+|\n\s*\n|\n(?=\s*[-*•]\s)/);
}

/** Adjacent content words of a description ("nodal involvement"), the phrases a text repeats. */
function contentBigrams(description: string): string[] {
  const words = description.toLowerCase().replace(/[^a-z0-9\s-]/g, ' ').split(/\s+/).filter((w) => w.length > 2);
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length && i < 8; i++) {
    if (!STOPWORDS.has(words[i]) && !STOPWORDS.has(words[i + 1])) out.push(`${words[i]} ${words[i + 1]}`);
  }
  return out;
}

/** Words that say what any table holds ("gives locations", "contains the number of"), not what it measures. */
const LEAD_FILLER = new Set('data dataset datasets gives give contains contain records record provides reports lists presents describes includes number numbers various several some other others their from with this that these those each were have been about into collected measured observed obtained study survey sample samples table frame observations variables variable values value information locations location subjects persons people individuals participants cases years time group groups based used using given'.split(' '));
/** "…, along with …", "… together with …", "… as well as …": the main subject, then what accompanies it. */
const ACCOMPANIED = /\b(?:along with|together with|as well as|in addition to)\b/i;

function subjectWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z-]{3,}/g) ?? []).filter((w) => !LEAD_FILLER.has(w));
}

/**
 * The content words of what a help page's Description opens with, when its first sentence sets it
 * apart from what accompanies it ("gives … heavy metal concentrations, along with a number of soil
 * and landscape variables"); undefined otherwise.
 */
function leadSubject(text: string): string[] | undefined {
  const m = /(?:^|\n)\s*Description:\s*\n([\s\S]*?)(?:\n\S[^\n]*:\s*\n|$)/.exec(text);
  if (!m) return undefined;
  const first = m[1].replace(/\s+/g, ' ').trim().split(/(?<=[a-z0-9)]\.)\s+(?=[A-Z])/)[0];
  const parts = first.split(ACCOMPANIED);
  if (parts.length < 2) return undefined;
  const words = subjectWords(parts[0]);
  return words.length >= 2 ? words : undefined;
}

/** Bigrams that three or more of the descriptions use. */
function templateBigrams(descriptions: string[]): Set<string> {
  const count = new Map<string, number>();
  for (const d of descriptions) for (const b of new Set(contentBigrams(d))) count.set(b, (count.get(b) ?? 0) + 1);
  return new Set([...count].filter(([, n]) => n >= 3).map(([b]) => b));
}

/** Quote marks help pages put around names: ‘x’, 'x', "x", `x`. */
const QUOTE = '[\'"`\u2018\u2019\u201c\u201d]';
/** An optional quote mark. */
const QUOTES = `${QUOTE}?`;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A heading that opens the list of variables: "Format:", "## Variables", "Columns", "Data dictionary". */
const VARIABLES_HEADING = /^\s*(?:#+\s*)?(?:format|variables|columns|fields|data dictionary|codebook|description of (?:the )?variables)\s*:?\s*$/i;

/**
 * A description without the R type it opens with ("a numeric vector;", "Factor;", "numeric" in
 * R's matrix layout, "a numeric vector with data on"): what the column is, in the help page's words.
 */
export function withoutRType(description: string): string {
  return description.replace(/^\s*(?:an?\s+)?(?:numeric|integer|factor|character|logical|ordered factor)(?:\s+vector)?\s*(?:with\s+(?:data\s+)?on\s+)?[.;:,]?\s*/i, '');
}

/** The start of a variable-list line that names the column (given as a pattern): "• L_id ", "**age**: ". */
function listedName(name: string): string {
  // R's matrix layout "[,2]  JOBSAT  numeric  Job Satisfaction" and str()'s "…$VOLUME  unit sales" too.
  return `^\\s*(?:[-*•]\\s*)?(?:\\[,\\s*\\d+\\]\\s*|(?:\\.\\.\\.)?\\$)?(?:\\*\\*)?${QUOTES}${name}${QUOTES}(?:\\*\\*)?\\s*(?:[:=\\-–—|)\\]]\\s*|\\s+)`;
}

/**
 * A column's description: the text after its name where a line starts with the name (the layout
 * of help pages, codebooks and markdown lists), up to the next blank line or the next column.
 */
export function columnDescriptions(text: string, columns: string[]): Record<string, string> {
  const lines = text.split(/\r?\n/);
  const out: Record<string, string> = {};
  const starts = new Map<number, string>();
  // The list of variables starts after a "Format:" / "Variables" heading; a title or a sentence
  // that happens to start with a column's name ("Consumer Preference Mapping of Carrots") is no description.
  const listStart = lines.findIndex((l) => VARIABLES_HEADING.test(l));
  const names = new Map<string, string>();
  const find = (name: string): number => {
    const head = new RegExp(`${listedName(name)}(\\S.*)$`);
    const listed = lines.findIndex((l, i) => i > listStart && head.test(l));
    return listed >= 0 ? listed : lines.findIndex((l) => head.test(l));
  };
  for (const column of columns) {
    // The table's `L.id` is the help page's `L_id` when R's reader renamed it (unless the table has both spellings).
    const loose = column.split(/[._]/).map(escapeRegExp).join('[._]');
    const spellings = columns.some((c) => c !== column && new RegExp(`^${loose}$`).test(c)) ? [escapeRegExp(column)] : [escapeRegExp(column), loose];
    for (const name of spellings) {
      const at = find(name);
      if (at < 0) continue;
      starts.set(at, column);
      names.set(column, name);
      break;
    }
  }
  for (const [at, column] of starts) {
    const first = new RegExp(listedName(names.get(column)!));
    const parts = [lines[at].replace(first, '')];
    for (let i = at + 1; i < lines.length && lines[i].trim() !== '' && !starts.has(i); i++) parts.push(lines[i].trim());
    const description = parts.join(' ').replace(/\s+/g, ' ').trim();
    if (description) out[column] = description.slice(0, MAX_COLUMN_DESCRIPTION);
  }
  return out;
}

/** A mixed model's random-effect term: `(1 | herd)`, `(Days | Subject)`, `(1 | site/plot)`. */
const RANDOM_TERM = /\(\s*[^()|]*\|\s*([A-Za-z.][\w.]*(?:\s*\/\s*[A-Za-z.][\w.]*)*)\s*\)/g;
/** nlme's form: `random = ~ 1 | Subject`, `random = ~ age | Subject/visit`. */
const RANDOM_ARGUMENT = /\brandom\s*=\s*~[^|,()]*\|\s*([A-Za-z.][\w.]*(?:\s*\/\s*[A-Za-z.][\w.]*)*)/g;

/**
 * Columns the documentation's mixed models group by: the units whose rows share a random effect
 * (nests, herds, schools, subjects). An interaction (`recipe:replicate`) names no single column.
 */
export function randomEffectGroups(text: string, columns: string[]): string[] {
  const byName = new Map(columns.map((c) => [c, c]));
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const out = new Set<string>();
  for (const m of [...text.matchAll(RANDOM_TERM), ...text.matchAll(RANDOM_ARGUMENT)]) {
    for (const name of m[1].split('/').map((s) => s.trim())) {
      const column = byName.get(name) ?? byLower.get(name.toLowerCase());
      if (column) out.add(column);
    }
  }
  return [...out];
}

/** A column described as the event of a follow-up study (its censoring status) is its outcome. */
const EVENT_WORDS = /\b(censor(ed|ing)?|event (status|indicator)|vital status)\b/i;
// "Storm classification (Tropical Depression, …)", "Hollingshead classification" name a kind of category, not a task on it.
// A bare "target" is an everyday word ("Met school-wide growth target"); "the target", "target variable" are not.
const OUTCOME_WORDS = /\b(response|outcome|dependent variable|(?:the|a|its|their)\s+(?:[\w-]+\s+)?target|(?:prediction|classification|regression) target|target (?:variable|column)s?|predict(ed|ing|ion|s)?|class (label|variable)|classif(y|ied)|classification (?:task|problem|variable))\b/i;
/** "Job Satisfaction (DV)": the dependent variable, as psychology codebooks mark it (upper case only). */
const DV_MARK = /(?:^|[\s([])DV(?:$|[\s)\],;:.])/;
/**
 * What a study explains, after the words that introduce it: "… as predictors of attitudes towards
 * government action", "determinants of wages", "the effect of X on turnout".
 */
const EXPLAINED_PHRASE = /\b(?:predictors?|determinants?|correlates|risk factors?|factors (?:associated with|affecting|influencing))\s+(?:of|for)\s+([^.;]+)|\beffects?\s+of\s+[^.;]+?\s+on\s+([^.;]+)/gi;
/**
 * A measurement whose threshold defines the condition a study is about: "Glycosolated hemoglobin >
 * 7.0 is usually taken as a positive diagnosis of diabetes" (the phrase before the comparison).
 */
const DIAGNOSTIC_THRESHOLD = /(?:^|[.;:]\s*)([^.;:]+?)\s*(?:>=?|≥|<=?|≤|above|below|greater than|less than|over|exceeding|of at least)\s*\d[\d.,]*\s*(?:[^.;]{0,40}?)\b(?:diagnos(?:is|tic|ed)|defines?|defined as|indicates?)\b/gi;
/** `y <- log(cheese$VOLUME[…])`, `Y = d$score`: the response of a matrix-style model (bayesm, glmnet). */
const RESPONSE_ASSIGNMENT = /^\s*(?:y|Y|resp|response)\s*(?:<-|=)\s*(?:[\w.]+\(\s*)*[\w.]+\$([A-Za-z_.][\w.]*)/gm;

/** Functions whose formula describes a picture or a table, not a model. */
const PLOT_FUNCTIONS = /^(plot|boxplot|xyplot|bwplot|dotplot|stripplot|densityplot|histogram|barchart|coplot|interaction\.plot|xtabs|ftable|aggregate|tapply|mosaic|spineplot|cdplot|stripchart|sunflowerplot|pairs|splom|ggplot|qplot|facet_grid|facet_wrap|cloud|wireframe|levelplot|contourplot|qqmath|parallelplot|with|subset)$/;
const PREDICTOR_WORDS = /\b(predictors|covariates|explanatory|independent variables|features|regressors)\b/i;
const STOPWORDS = new Set('a an the of in on at for to and or with by from is was are were be as its their this that which whether if not no yes indicator variable factor numeric vector levels level value values number'.split(' '));

/**
 * Variables an example builds from columns before modelling them (`d$score <- with(d, (math +
 * read)/2)`, `frate <- fatal/pop * 10000`): name → the columns of the numerator, the quantity
 * that is measured (a denominator such as the population only scales it).
 */
function derivedVariables(text: string, find: (name: string) => string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of text.matchAll(/^\s*(?:[\w.]+\$)?([A-Za-z_.][\w.]*)\s*<-\s*(?:with\(\s*[\w.]+\s*,\s*)?(.+)$/gm)) {
    const [, name, expr] = m;
    if (find(name)) continue;
    let depth = 0;
    let end = expr.length;
    for (let i = 0; i < expr.length; i++) {
      const ch = expr[i];
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      else if ((ch === '/' || ch === '*') && depth <= 0) {
        end = i;
        break;
      }
    }
    const columns = [...new Set((expr.slice(0, end).match(/[A-Za-z_.][\w.]*/g) ?? []).map(find).filter((c): c is string => c !== undefined))];
    if (columns.length > 0) out.set(name, columns);
  }
  return out;
}

/** The text between two items of one list: commas, "and", "or", quote marks. */
const LIST_GAP = /^[\s,'"`\u2018\u2019\u201c\u201d]*(?:\b(?:and|or)\b)?[\s'"`\u2018\u2019\u201c\u201d]*$/i;
/** Where a row's unit is, not what happened to it: "the federal state in which the household is located". */
export const LOCATION_TEXT = /\b(?:in which|where) (?:the\s+)?[\w-]+ (?:is|was|are|were) (?:located|situated|based)\b/i;
/** Geographic coordinates by description: "Easting (m) in Rijksdriehoek map coordinates", "Northing", "x-coordinate". */
export const COORDINATE_TEXT = /\b(eastings?|northings?|latitude|longitude|(?:x|y|map|utm|grid|geographic(?:al)?)[- ]coordinates?)\b/i;

/**
 * A description that names what the experimenter set or blocked on: "Factor; vitamin E dose",
 * "treatment arm", "a nuisance factor for germination method", an exposure of a cohort ("0: control,
 * 1: exposed to coumarin derivatives").
 */
const DESIGN_TEXT = /\b(dose|dosage|treatments?|supplements?|regimen|intervention|nuisance factor|blocking factor|stimul(?:us|i)|test products?|product variants?|experimental (?:conditions?|factors?|groups?)|randomi[sz]ed (?:to|groups?|arms?)|assigned (?:to|groups?)|exposed to|control group|\d\s*[:=]\s*control)\b/i;
/** A condition set at the start: "initial tadpole density", "numeric; starting dose". */
const STARTING_TEXT = /(?:^|[;.:]\s*)(?:the\s+)?(?:initial|starting)\s+\w/i;

/** The description names what the experimenter set: a dose, a treatment, a starting condition. */
export function describedAsDesign(description: string): boolean {
  return (DESIGN_TEXT.test(description) || STARTING_TEXT.test(description)) && !OUTCOME_TEXT.test(description);
}

/** … unless it speaks of what came of it: "treatment outcome", "response to treatment". */
const OUTCOME_TEXT = /\b(outcome|response|result|effect|success|fail(ure|ed)?|improve(d|ment)?|surviv\w*)\b/i;

const OUTCOME_NOUN = '(?:targets?|responses?|outcomes?|dependent variables?|response variables?|target variables?)';
/** After a list: "… as its target", "… are the responses", "… as the outcome variables". */
const OUTCOME_AFTER_LIST = new RegExp(`^[\\s'"\`\u2019\u201d]*(?:as|are|were)\\s+(?:(?:its|their|the)\\s+)?(?:[a-z-]+\\s+)?${OUTCOME_NOUN}\\b`, 'i');
/** Before a list: "The targets are …", "responses: …", "the target columns …". */
const OUTCOME_BEFORE_LIST = new RegExp(`\\b${OUTCOME_NOUN}(?:\\s+(?:columns?|variables?))?\\s*(?::|\\s(?:are|were)(?:\\s+the(?:\\s+(?:columns?|variables?))?)?)?[\\s'"\`\u2018\u201c]*$`, 'i');

/**
 * Columns named as one list ("Weight, Waist and Pulse") that outcome words speak of as a whole,
 * joined without a comma: "returns the columns Weight, Waist and Pulse as its target", "the
 * targets are a, b and c". An appositive after a comma ("… and `cultivar`, the textbook target")
 * speaks of the last item only, and a list of predictors is none of this.
 */
function listedAsOutcome(sentence: string, named: string[]): Set<string> {
  const at = named.flatMap((c) => {
    const m = new RegExp(`(^|[^\\w.])(${QUOTES}${escapeRegExp(c)}${QUOTES})($|[^\\w.])`).exec(sentence);
    return m ? [{ c, start: m.index + m[1].length, end: m.index + m[1].length + m[2].length }] : [];
  }).sort((a, b) => a.start - b.start);
  const out = new Set<string>();
  let first = 0;
  for (let k = 1; k <= at.length; k++) {
    if (k < at.length && LIST_GAP.test(sentence.slice(at[k - 1].end, at[k].start))) continue;
    const run = at.slice(first, k);
    first = k;
    if (run.length < 2) continue;
    const after = sentence.slice(run[run.length - 1].end);
    const before = sentence.slice(0, run[0].start);
    if (OUTCOME_AFTER_LIST.test(after) || OUTCOME_BEFORE_LIST.test(before)) for (const x of run) out.add(x.c);
  }
  return out;
}

/** A column description that uses a word of the title's head (same stem). */
function describedWithHeadWord(description: string | undefined, head: string[]): boolean {
  if (!description) return false;
  const words = description.toLowerCase().match(/[a-z][a-z0-9-]{3,}/g) ?? [];
  return words.some((w) => head.some((t) => sameStem(w, t)));
}

/**
 * The column's name is made of the starts of two or more consecutive words of the phrase (`govact`:
 * "government action", `jobsat`: "job satisfaction"), each start at least three letters.
 */
export function abbreviates(column: string, phrase: string): boolean {
  const name = column.toLowerCase().replace(/[^a-z]/g, '');
  const words = phrase.toLowerCase().match(/[a-z]+/g) ?? [];
  const from = (w: number, rest: string, used: number): boolean => {
    if (rest === '') return used >= 2;
    if (w >= words.length) return false;
    for (let k = Math.min(rest.length, words[w].length); k >= 3; k--) {
      if (words[w].startsWith(rest.slice(0, k)) && from(w + 1, rest.slice(k), used + 1)) return true;
    }
    return false;
  };
  return name.length >= 5 && words.some((_, w) => from(w, name, 0));
}

/**
 * Columns the text treats as the outcome, strongest evidence first: the left side of model
 * formulas (`y ~ x1 + x2`, `Surv(time, status) ~ .`), a column described with outcome words
 * ("the response", "dependent variable"), a column the title is about.
 */
export function documentedResponses(text: string, columns: string[]): string[] {
  const score = new Map<string, number>();
  const add = (column: string, points: number): void => {
    score.set(column, (score.get(column) ?? 0) + points);
  };
  // Evidence about the column itself (a model's formula, its own description), not a sentence that mentions it.
  const strong = new Set<string>();
  const byName = new Map(columns.map((c) => [c, c]));
  const byLower = new Map(columns.map((c) => [c.toLowerCase(), c]));
  const find = (name: string): string | undefined => byName.get(name) ?? byLower.get(name.toLowerCase());

  // Formulas: `lhs ~ rhs`, where lhs is a column or a call over columns (log(y), Surv(t, s), cbind(a, b)).
  // A model's formula names its response; a plot's (`boxplot(x ~ group)`) only what is drawn.
  const derived = derivedVariables(text, find);
  for (const m of text.matchAll(/(?:([A-Za-z_.][\w.]*)\(\s*)?([A-Za-z_.][\w.]*(?:\([^()~]*\))?)\s*~\s*[\w.(]/g)) {
    const fn = m[1] ?? '';
    const lhs = m[2];
    const points = PLOT_FUNCTIONS.test(fn) ? 0.5 : 3;
    const inner = /\(([^()]*)\)/.exec(lhs)?.[1];
    const names = inner !== undefined ? inner.split(',').map((s) => s.trim().replace(/^[\w.]+\s*=\s*/, '')) : [lhs];
    for (const name of names) {
      const bare = name.replace(/[^\w.]/g, '');
      const column = find(bare);
      if (column) {
        add(column, points);
        if (points >= 3) strong.add(column);
      }
      // `score <- (math + read)/2; lm(score ~ …)`: the response is built from columns.
      else for (const source of derived.get(bare) ?? []) add(source, points);
    }
  }
  // Survey estimates: `svymean(~api00, dstrat)` estimates the quantity the survey is about.
  const estimated = new Set<string>();
  for (const m of text.matchAll(/\bsvy\w*\(\s*~\s*([A-Za-z_.][\w.]*)/g)) {
    const column = find(m[1]);
    if (column) estimated.add(column);
  }
  for (const column of estimated) add(column, 1.5);
  const descriptions = columnDescriptions(text, columns);
  for (const [column, description] of Object.entries(descriptions)) {
    // A column named `target` described as "2001 target for api growth" only repeats its name.
    const said = description.replace(new RegExp(`(^|[^\\w.])${escapeRegExp(column)}($|[^\\w.])`, 'gi'), '$1 $2');
    if (OUTCOME_WORDS.test(said) || EVENT_WORDS.test(said) || DV_MARK.test(said)) {
      add(column, 2);
      strong.add(column);
    }
  }
  // Sentences that name a column next to outcome words ("the response is X", "X is the outcome").
  // A column named like an outcome word (`target`) is no outcome word where it is named.
  const outcomeNamed = columns.filter((c) => new RegExp(`^(?:${OUTCOME_WORDS.source})$`, 'i').test(c));
  const withoutOutcomeNames = (sentence: string): string =>
    outcomeNamed.reduce((out, c) => out.replace(new RegExp(`(?<![\\w.])${escapeRegExp(c)}(?![\\w.])`, 'gi'), (m) => ' '.repeat(m.length)), sentence);
  for (const original of sentences(text)) {
    const sentence = withoutOutcomeNames(original);
    if (!OUTCOME_WORDS.test(sentence)) continue;
    const named = columns.filter((column) => column.length >= 2 && columnAt(original, column) >= 0);
    // One column next to outcome words is a statement about it; in a list of columns, only the one
    // closest to the outcome word ("… and `cultivar`, the textbook target").
    const word = sentence.search(OUTCOME_WORDS);
    // Outcome words inside parentheses speak of the column just before them: "`species` (…; the target)".
    const open = sentence.lastIndexOf('(', word);
    const anchor = open >= 0 && sentence.indexOf(')', open) > word ? open : word;
    // "The predictors a, b and c are used to predict …": columns listed as predictors are not the outcome.
    const listed = PREDICTOR_WORDS.test(sentence) ? (c: string) => columnAt(original, c) < word : () => false;
    const closest = named.filter((c) => !listed(c)).map((c) => ({ c, d: Math.abs(columnAt(original, c) - anchor) })).sort((a, b) => a.d - b.d)[0] ?? { c: '', d: Infinity };
    // "… returns the columns Weight, Waist and Pulse as its target": the outcome words speak of the whole list.
    const together = listedAsOutcome(original, named);
    for (const column of named) add(column, named.length === 1 || together.has(column) || (column === closest.c && closest.d <= 80) ? 1.5 : 0.5);
  }
  // A sentence with outcome words that repeats two content words of a column's description
  // ("… whether nodal involvement could be predicted …" and r: "An indicator of nodal involvement").
  // A pair of words that three or more descriptions share ("Group-Mean Centered …", "… benefits
  // (net)") is the list's template: a sentence that repeats it speaks of no column in particular.
  const template = templateBigrams(Object.values(descriptions));
  for (const sentence of sentences(text)) {
    if (!OUTCOME_WORDS.test(sentence)) continue;
    const said = sentence.toLowerCase().replace(/\s+/g, ' ');
    for (const [column, description] of Object.entries(descriptions)) {
      if (description.length > 0 && said.includes(description.toLowerCase().slice(0, 60))) continue; // the description itself
      if (contentBigrams(description).some((b) => !template.has(b) && said.includes(b))) add(column, 1.5);
    }
  }
  for (const m of text.matchAll(RESPONSE_ASSIGNMENT)) {
    const column = find(m[1]);
    if (column) add(column, 3);
  }
  // "… as predictors of attitudes towards government action": the phrase names the outcome, by a
  // pair of its description's words or by a name made of the phrase's words (govact).
  const flat = text.replace(/\s+/g, ' ');
  for (const m of [...flat.matchAll(EXPLAINED_PHRASE), ...flat.matchAll(DIAGNOSTIC_THRESHOLD)]) {
    const phrase = (m[1] ?? m[2]).toLowerCase();
    for (const column of columns) {
      const description = descriptions[column];
      if ((description && contentBigrams(description).some((b) => phrase.includes(b))) || abbreviates(column, phrase)) add(column, 1.5);
    }
  }
  // Titles name what the data is about: "Prestige of Canadian Occupations", "U.S. Women's
  // Labor-Force Participation" (lfp: "labor-force participation; …").
  const titles = titleLines(text).join(' \n ').toLowerCase();
  const head = titleHeads(text);
  const headText = head.join(' ');
  const titled = new Map<string, { full: boolean; partial: boolean }>();
  for (const column of columns) {
    // "North Carolina SIDS data" names a place, not the county seat's northing.
    if (COORDINATE_TEXT.test(descriptions[column] ?? '')) continue;
    const byName = column.length >= 4 && new RegExp(`(^|[^\\w-])${escapeRegExp(column.toLowerCase())}($|[^\\w-])`).test(headText);
    const byDescription = descriptions[column] !== undefined && contentBigrams(descriptions[column]).some((b) => titles.includes(b));
    // "Survival of Passengers" names `survived`, "Well Switching" `switch`: the same word stem in the
    // title's head phrase (what is measured; "of Passengers" is who). A name of several words
    // (`passengerClass`) one of which the head uses is weaker evidence.
    const words = nameWords(column);
    // A three-letter word only by a gerund or past form ("Tipping data" → `tip`): "Pigs" names the rows, not `Pig`.
    const stemmed = words.filter((w) => head.some((t) => sameStem(w, t) && (w.length >= 4 || (w.length === 3 && /(?:ing|ed)$/.test(t)))));
    titled.set(column, { full: byName || byDescription || (words.length === 1 && stemmed.length === 1), partial: stemmed.length > 0 });
  }
  // No column is the title's word itself ("… the mammals sleep dataset" has no `sleep`): the columns
  // whose name and own description both use it (`sleep_total`: "total amount of sleep", `sleep_rem`:
  // "rem sleep") measure what the table is about, and are its outcomes. Beside a column the title
  // names outright (`fatal` beside `fatal1517`), they stay its parts.
  const anyFull = [...titled.values()].some((t) => t.full);
  for (const [column, t] of titled) {
    if (t.full || (!anyFull && t.partial && describedWithHeadWord(descriptions[column], head))) add(column, 1.5);
    else if (t.partial) add(column, 0.75);
  }
  // "This data set gives locations and topsoil heavy metal concentrations, along with a number of
  // soil and landscape variables": what comes before "along with" is what the data is about.
  const lead = leadSubject(text);
  if (lead) {
    for (const [column, description] of Object.entries(descriptions)) {
      const shared = new Set(subjectWords(description).filter((w) => lead.some((l) => sameStem(w, l))));
      if (shared.size >= 2) add(column, 1.5);
    }
  }
  // "Outcomes of pregnancies exposed to coumarin derivatives" is about what came of the exposure:
  // a column described as the exposure or treatment is an outcome only by a formula or its own description.
  for (const [column, description] of Object.entries(descriptions)) {
    if (describedAsDesign(description) && !strong.has(column)) score.delete(column);
  }
  // A column mentioned once beside the one every model formula names is not a second outcome.
  const top = Math.max(0, ...score.values());
  return [...score.entries()].filter(([, s]) => s >= 1.5 && s >= top / 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c);
}
