// The versioned prompt files of the three roles (prompts/*.md, front matter `version:`), run
// through @mle-smith/designer-kit's role runner. Their sha256 go into
// MaterializeResult.promptHashes under "designer-text/<role>".
import { fileURLToPath } from 'node:url';
import { promptRoles } from '@mle-smith/designer-kit';

export const PROMPT_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));
export type PromptRole = 'brainstormer' | 'designer' | 'refactor';

export const { promptKey, run: runRole } = promptRoles<PromptRole>('designer-text', PROMPT_DIR);
