// The versioned prompt files of the three roles (prompts/*.md, front matter `version:`).
// Their sha256 go into MaterializeResult.promptHashes under "designer-text/<role>".
import { fileURLToPath } from 'node:url';

export const PROMPT_DIR = fileURLToPath(new URL('../prompts/', import.meta.url));
export type PromptRole = 'brainstormer' | 'designer' | 'refactor';

export function promptKey(role: PromptRole): string {
  return `designer-text/${role}`;
}
