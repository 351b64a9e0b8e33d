// Documentation next to the data: column descriptions and the documented outcome, from the
// layouts such files have (R help text, markdown codebooks, raw .Rd).
import { describe, expect, it } from 'vitest';
import { abbreviates, columnDescriptions, documentedResponses, randomEffectGroups, sameStem } from './documentation.js';
import { profileDataset } from './profile.js';
import { dataset, rng } from './test-helpers.js';

const HELP = `Data on Children who have had Corrective Spinal Surgery

Format:

     This data frame contains the following columns:

     ‘Kyphosis’ a factor with levels ‘absent’ ‘present’ indicating if a
          kyphosis was present after the operation.

     ‘Age’ in months

     ‘Number’ the number of vertebrae involved

Examples:

     fit <- rpart(Kyphosis ~ Age + Number + Start, data = kyphosis)
`;

describe('documentation', () => {
  it('reads column descriptions from an R help page, continuation lines included', () => {
    const d = columnDescriptions(HELP, ['Kyphosis', 'Age', 'Number', 'Start']);
    expect(d.Kyphosis).toBe('a factor with levels ‘absent’ ‘present’ indicating if a kyphosis was present after the operation.');
    expect(d.Age).toBe('in months');
    expect(d.Start).toBeUndefined();
  });

  it('a title that starts with a column\'s name is not its description: the list after "Format:" is', () => {
    const help = 'Consumer Preference Mapping of Carrots\n\nDescription:\n\n     103 consumers scored 12 carrot types.\n\nFormat:\n\n     Consumer factor with 103 levels: numbering identifying consumers.\n\n     Preference consumer score on a seven-point scale.\n';
    const d = columnDescriptions(help, ['Consumer', 'Preference']);
    expect(d.Consumer).toBe('factor with 103 levels: numbering identifying consumers.');
    expect(d.Preference).toBe('consumer score on a seven-point scale.');
    // without a list heading the first line that starts with the name is still read
    expect(columnDescriptions('Consumer the person who scored\n', ['Consumer']).Consumer).toBe('the person who scored');
  });

  it('takes the left side of model formulas as the response', () => {
    expect(documentedResponses(HELP, ['Kyphosis', 'Age', 'Number', 'Start'])).toEqual(['Kyphosis']);
    expect(documentedResponses('coxph(Surv(time, status) ~ age + sex, data = d)', ['time', 'status', 'age', 'sex'])).toEqual(['status', 'time']);
  });

  it('finds outcome words in a markdown codebook and a sentence that repeats a description', () => {
    const md = '# Clinic visits\n\n- `visits`: number of visits (the outcome)\n- `age`: age in years\n- `sex`: sex\n';
    expect(documentedResponses(md, ['visits', 'age', 'sex'])).toEqual(['visits']);
    const text = 'Prostate data\n\n‘r’ An indicator of nodal involvement.\n\n‘acid’ serum acid phosphatase\n\nIt was required to see if nodal involvement could be predicted from the other variables.';
    expect(documentedResponses(text, ['r', 'acid'])).toEqual(['r']);
  });

  it('what a Description opens with, before "along with", is what the data measures', () => {
    const help = (lead: string) => [
      'River data set', '', 'Description:', '', `     ${lead}`, '', 'Format:', '',
      '     cadmium topsoil cadmium concentration, mg kg-1 soil', '', '     zinc topsoil zinc concentration, mg kg-1 soil', '',
      '     elev relative elevation above local river bed, m', '', '     soil soil type according to the soil map', '',
    ].join('\n');
    const columns = ['cadmium', 'zinc', 'elev', 'soil'];
    expect(documentedResponses(help('This data set gives locations and topsoil heavy metal concentrations, along with a number of soil and landscape variables at the observation locations.'), columns)).toEqual(['cadmium', 'zinc']);
    // Without the contrast the sentence only lists what the table holds.
    expect(documentedResponses(help('This data set gives topsoil heavy metal concentrations and soil variables at the observation locations.'), columns)).toEqual([]);
  });

  it('a sentence that repeats the template of several descriptions speaks of none of them', () => {
    const text = [
      'Data from a study of work stress', '', 'Description:', '',
      '     Each variable has a within-group version where the group mean is subtracted from each individual response (i.e., a group-mean centered variable).', '',
      'Format:', '',
      '       [,1]   COHES     numeric  Cohesion', '       [,2]   W.COHES   numeric  Group-Mean Centered Cohesion',
      '       [,3]   HRS       numeric  Work Hours', '       [,4]   W.HRS     numeric  Group-Mean Centered Work Hours',
      '       [,5]   WBEING    numeric  Well-Being', '       [,6]   W.WBEING  numeric  Group-Mean Centered Well-Being', '',
    ].join('\n');
    expect(documentedResponses(text, ['COHES', 'W.COHES', 'HRS', 'W.HRS', 'WBEING', 'W.WBEING'])).toEqual([]);
  });

  it('a column list next to outcome words is not a statement about each column', () => {
    expect(documentedResponses('Title\n\nThe predictors age, sex and bmi are used to predict the response.', ['age', 'sex', 'bmi'])).toEqual([]);
  });

  it('a title names the outcome by its word stem, in its head phrase (not the population after "of")', () => {
    const help = (title: string) => `${title}\n\nDescription:\n\n     Records of some kind.\n`;
    expect(documentedResponses(help('Survival of Passengers on the Titanic'), ['survived', 'passengerClass', 'sex'])).toEqual(['survived']);
    expect(documentedResponses(help('Well Switching in Bangladesh'), ['switch', 'arsenic', 'distance'])).toEqual(['switch']);
    // the head says nothing: the phrase after the preposition
    expect(documentedResponses(help('Treatment of Migraine Headaches'), ['headache', 'medication', 'age'])).toEqual(['headache']);
    // "Impact of X on Y": the outcome is Y
    expect(documentedResponses(help('Impact of Beauty on Teaching Ratings'), ['beauty', 'rating', 'age'])).toEqual(['rating']);
    // one word of a longer name (`fatal` of `fatal1517`) is not enough alone
    expect(documentedResponses(help('US Traffic Fatalities'), ['fatal', 'fatal1517', 'beertax'])).toEqual(['fatal']);
    // abbreviations of title words are not the same word
    expect(documentedResponses(help('Primary Biliary Cholangitis Data'), ['bili', 'chol', 'status'])).toEqual([]);
    // a short name by its gerund: "Tipping data" is about `tip`, "Voting Intentions" about `vote`
    expect(documentedResponses(help('Tipping data'), ['total_bill', 'tip', 'sex', 'size'])).toEqual(['tip']);
    expect(documentedResponses(help('Voting Intentions in the 1988 Chilean Plebiscite'), ['region', 'age', 'income', 'vote'])).toEqual(['vote']);
  });

  it('a list of columns that outcome words speak of as a whole: every column of it is an outcome', () => {
    const cols = ['Chins', 'Situps', 'Jumps', 'Weight', 'Waist', 'Pulse'];
    expect(documentedResponses('Fitness club\n\nThe loader returns the columns Weight, Waist and Pulse as its target.', cols)).toEqual(['Pulse', 'Waist', 'Weight']);
    expect(documentedResponses('Fitness club\n\nThe target columns are `Pulse`, `Waist` and `Weight`.', cols)).toEqual(['Pulse', 'Waist', 'Weight']);
    // an appositive after a comma speaks of the last column only
    expect(documentedResponses('Fitness club\n\nColumns: `Chins`, `Situps`, `Jumps` and `Pulse`, the textbook target.', cols)).toEqual(['Pulse']);
    // a list followed by more than "as its target" is not named the target
    expect(documentedResponses('Fitness club\n\nThe predictors Chins, Situps and Jumps are used as inputs for the target.', cols)).toEqual([]);
  });

  it('no column is the title\'s word: the columns whose name and description both use it are the outcomes', () => {
    const page = (columns: string) => `An updated version of the office workers sleep dataset\n\nDescription:\n\n     Nights of office workers.\n\nFormat:\n\n${columns}`;
    const cols = ['age', 'sleep_total', 'sleep_deep', 'sleep_onset', 'coffee'];
    const help = page('     age age in years\n\n     sleep_total total amount of sleep, in hours\n\n     sleep_deep deep sleep, in hours\n\n     sleep_onset hour of the clock at lights out\n\n     coffee cups of coffee a day\n');
    // sleep_onset has the word in its name but not in its description: when one goes to bed, not how much one sleeps
    expect(documentedResponses(help, cols)).toEqual(['sleep_deep', 'sleep_total']);
    // beside a column the title names outright, the others are its parts
    const withSleep = page('     sleep total amount of sleep, in hours\n\n     sleep_deep deep sleep, in hours\n\n     age age in years\n');
    expect(documentedResponses(withSleep, ['sleep', 'sleep_deep', 'age'])).toEqual(['sleep']);
  });

  it('same stem: a common prefix of three quarters of the shorter word; short words only as themselves or their plural, gerund or past form', () => {
    expect(sameStem('survived', 'survival')).toBe(true);
    expect(sameStem('headache', 'headaches')).toBe(true);
    expect(sameStem('tip', 'tipping')).toBe(true);
    expect(sameStem('voting', 'vote')).toBe(true);
    expect(sameStem('play', 'played')).toBe(true);
    expect(sameStem('tip', 'tiptoe')).toBe(false);
    expect(sameStem('age', 'agent')).toBe(false);
    expect(sameStem('wage', 'wages')).toBe(true);
    expect(sameStem('bili', 'biliary')).toBe(false);
    expect(sameStem('status', 'statistics')).toBe(false);
  });

  it('a response built from columns before a model formula credits its numerator columns', () => {
    const ex = 'Examples:\n\n     d$score <- with(d, (math + read)/2)\n     d$rate <- with(d, deaths/pop * 1000)\n     lm(score ~ ratio, data = d)\n     lm(rate ~ tax, data = d)\n';
    expect(documentedResponses(ex, ['math', 'read', 'deaths', 'pop', 'ratio', 'tax'])).toEqual(['deaths', 'math', 'read']);
  });

  it('the censoring status of a follow-up study is its outcome', () => {
    const help = 'Rat data\n\nFormat:\n\n  litter: litter number\n  time: time to tumor or last follow-up\n  status: event status, 1=tumor and 0=censored\n';
    expect(documentedResponses(help, ['litter', 'time', 'status'])).toEqual(['status']);
  });

  it('words of the page itself and halves of hyphenated words do not mention columns', () => {
    const help = 'E-mail Database\n\nDescription:\n\n     A data set collected at a lab that classifies 4601 e-mails as junk or not. In addition to\n     this class label there are 57 variables giving the frequency of words in the e-mail.\n';
    expect(documentedResponses(help, ['data', 'mail', 'free', 'type'])).toEqual([]);
    expect(documentedResponses('The column `data` is the response.', ['data', 'free'])).toEqual(['data']);
    expect(documentedResponses('The response is mail, the number of letters received.', ['mail', 'free'])).toEqual(['mail']);
  });

  it('a column mentioned once beside the one every formula names is not a second outcome', () => {
    const text = 'Examples:\n\n     lm(eval ~ beauty + age, data = d)\n     lm(eval ~ beauty * gender, data = d)\n\nThe outcome here is mostly about beauty.';
    expect(documentedResponses(text, ['eval', 'beauty', 'age', 'gender'])).toEqual(['eval']);
  });

  it('a survey estimate names its quantity; a column named `target` and an everyday "target" are not outcome words', () => {
    const help = 'Student performance in California schools\n\nFormat:\n\n     api00 API in 2000\n\n     target 2001 target for api growth\n\n     sch.wide Met school-wide growth target?\n\n' +
      'Examples:\n\n     dstrat <- svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat)\n     svymean(~api00, dstrat)\n';
    expect(documentedResponses(help, ['api00', 'target', 'sch.wide', 'stype', 'pw'])).toEqual(['api00']);
    // "the target" and "target variable" still speak of an outcome.
    expect(documentedResponses('Format:\n\n     y the target variable\n     x a measurement\n', ['y', 'x'])).toEqual(['y']);
  });

  it('the profiler reads a README next to the data, ranks the documented response first and keeps the descriptions', async () => {
    const r = rng(11);
    const rows = ['fev,age,height,smoke'];
    for (let i = 0; i < 200; i++) {
      const age = 6 + Math.floor(r() * 12);
      const height = 45 + age * 1.2 + r() * 5;
      rows.push(`${(0.5 + 0.08 * height + r()).toFixed(3)},${age},${height.toFixed(1)},${r() < 0.2 ? 1 : 0}`);
    }
    const dir = await dataset({
      'fev.csv': rows.join('\n') + '\n',
      'README.md': '# Lung function of children\n\n- fev: forced expiratory volume in litres, the response\n- age: age in years\n- height: height in inches\n- smoke: 1 if the child smokes\n',
    });
    const p = await profileDataset(dir);
    expect(p.tables).toHaveLength(1);
    expect(p.documentation?.files).toEqual(['README.md']);
    expect(p.documentation?.responses).toEqual(['fev']);
    expect(p.documentation?.columns.height).toBe('height in inches');
    expect(p.tables[0].candidateTargets[0].column).toBe('fev');
    expect(p.tables[0].columns.find((c) => c.name === 'fev')?.role).toBe('response');
  });

  it('matches a help page\'s `L_id` to the table\'s `L.id`, unless the table has both spellings', () => {
    const help = 'Format:\n\n        • CNTY_ID county ID\n        • L_id Cressie and Read (1985) L index\n';
    expect(columnDescriptions(help, ['CNTY.ID', 'L.id'])).toEqual({ 'CNTY.ID': 'county ID', 'L.id': 'Cressie and Read (1985) L index' });
    expect(columnDescriptions(help, ['L.id', 'L_id'])).toEqual({ L_id: 'Cressie and Read (1985) L index' });
  });

  it('"classification" naming a kind of category, an exposure and a place in the title are no outcome', () => {
    const storms = 'Storm tracks data\n\nFormat:\n\n     status Storm classification (Tropical Depression, Tropical Storm,\n          or Hurricane)\n\n     wind maximum sustained wind speed (in knots)\n';
    expect(documentedResponses(storms, ['status', 'wind'])).toEqual([]);
    expect(documentedResponses('Spam data\n\nFormat:\n\n     type the classification target, spam or not\n', ['type'])).toEqual(['type']);
    const cohort = 'Pregnancies exposed to coumarin derivatives\n\nDescription:\n\n     Outcomes of pregnancies exposed to coumarin derivatives.\n\nFormat:\n\n' +
      '     group Group. 0: control, 1: exposed to coumarin derivatives\n\n     cause Cause of failure. 1: induced abortion, 2: life birth\n';
    expect(documentedResponses(cohort, ['group', 'cause'])).not.toContain('group');
    expect(documentedResponses(`${cohort}\nExamples:\n\n     glm(group ~ cause)\n`, ['group', 'cause'])).toContain('group');
    const sids = 'North Carolina SIDS data\n\nFormat:\n\n     north northings, county seat, miles, local projection\n\n     SID74 SID deaths, 1974-78\n';
    expect(documentedResponses(sids, ['north', 'SID74'])).toEqual([]);
  });

  it('reads R\'s matrix and str() layouts, and a codebook\'s "(DV)" mark', () => {
    const matrix = 'Format:\n\n       [,1]  GRPID    numeric  Group Identifier\n       [,2]  JOBSAT   numeric  Job Satisfaction (DV)\n       [,3]  PAY      numeric  Pay\n';
    expect(columnDescriptions(matrix, ['GRPID', 'JOBSAT', 'PAY'])).toMatchObject({ JOBSAT: 'numeric Job Satisfaction (DV)', PAY: 'numeric Pay' });
    expect(documentedResponses(matrix, ['GRPID', 'JOBSAT', 'PAY'])).toEqual(['JOBSAT']);
    const str = 'Format:\n\n       ...$VOLUME    unit sales\n       ...$PRICE     in U.S. dollars\n';
    expect(columnDescriptions(str, ['VOLUME', 'PRICE'])).toEqual({ VOLUME: 'unit sales', PRICE: 'in U.S. dollars' });
  });

  it('the phrase after "predictors of" or "the effect of … on" names the outcome, by description words or an abbreviated name', () => {
    const help = 'Global warming attitudes\n\nDescription:\n\n     The survey reported emotions, ideology and party affiliation as predictors of\n' +
      '     attitudes towards government action on climate change.\n\nFormat:\n\n     govact a numeric\n\n     negemot a numeric\n\n     ideology a numeric\n';
    expect(documentedResponses(help, ['govact', 'negemot', 'ideology'])).toEqual(['govact']);
    const effect = 'Format:\n\n     voted Election turnout of the household (1 = voted)\n\n     calls Number of calls\n\nDetails:\n\n     We estimate the effect of get-out-the-vote calls on election turnout.\n';
    expect(documentedResponses(effect, ['voted', 'calls'])).toEqual(['voted']);
    expect(abbreviates('govact', 'government action')).toBe(true);
    expect(abbreviates('JOBSAT', 'job satisfaction')).toBe(true);
    expect(abbreviates('ideology', 'government action')).toBe(false);
    expect(abbreviates('gov', 'government action')).toBe(false);
  });

  it('a measurement whose threshold defines the diagnosis is the outcome', () => {
    const help = 'Diabetes data\n\nDescription:\n\n     The subjects were screened for diabetes. Glycosolated hemoglobin > 7.0 is usually taken as a positive\n' +
      '     diagnosis of diabetes.\n\nFormat:\n\n     chol Total Cholesterol\n\n     glyhb Glycosolated Hemoglobin\n\n     age age (years)\n';
    expect(documentedResponses(help, ['chol', 'glyhb', 'age'])).toEqual(['glyhb']);
    expect(documentedResponses('Format:\n\n     age age (years)\n\nDetails:\n\n     Subjects over 65 years were excluded.\n', ['age'])).toEqual([]);
  });

  it('the response of a matrix-style model: `y <- log(d$VOLUME[…])`', () => {
    const help = 'Examples:\n\n     y = log(cheese$VOLUME[cheese$RETAILER == r])\n     X = cbind(1, cheese$DISP, log(cheese$PRICE))\n';
    expect(documentedResponses(help, ['VOLUME', 'DISP', 'PRICE', 'RETAILER'])).toEqual(['VOLUME']);
  });

  it('reads the grouping factors of mixed models: lme4 terms, nested terms and nlme\'s random argument', () => {
    const text = 'm1 <- glmer(cbind(incidence, size - incidence) ~ period + (1 | herd), family = binomial)\n' +
      'lmer(Reaction ~ Days + (Days|Subject))\nlmer(y ~ x + (1 | site/plot))\nlme(distance ~ age, random = ~ 1 | Pupil)\nlmer(angle ~ temp + (1|recipe:replicate))\n';
    expect(randomEffectGroups(text, ['incidence', 'size', 'period', 'herd', 'Reaction', 'Days', 'subject', 'site', 'plot', 'pupil', 'recipe', 'replicate']).sort())
      .toEqual(['herd', 'plot', 'pupil', 'site', 'subject']);
    expect(randomEffectGroups('a | b, (x|y) in prose', ['a', 'b'])).toEqual([]);
  });
});
