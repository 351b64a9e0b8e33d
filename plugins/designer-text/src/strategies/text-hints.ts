// What a text proposal carries for the Designer (JSON, kept in the brainstorm checkpoint).

export interface TextHints extends Record<string, unknown> {
  layout: 'inline' | 'files';
  /** Inline: the free-text column. Files: the column of raw file paths. */
  textColumn: string;
  /** Kept classes, sorted (classification). */
  classes?: string[];
  /** Classes left out by the row filter. */
  droppedClasses?: string[];
  /** Binary tasks: the class whose probability a submission gives. */
  positiveClass?: string;
}
