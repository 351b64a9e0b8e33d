// What distinguishes one media designer from another: the kind of file, the public names, the
// file validator, the baseline scripts and the words used in descriptions. Everything else in
// this package is shared by designer-image and designer-audio.
export type MediaKind = 'image' | 'audio';

export interface MediaConfig {
  kind: MediaKind;
  /** Designer id, also the prefix of the baseline solver ids (`<id>-trivial`, ...). */
  designerId: string;
  pluginName: string;
  /** Sub-folder of public/ holding the renamed files, e.g. "images". */
  folder: string;
  /** Public column with the file's path relative to public/, e.g. "image". */
  column: string;
  /** What one example is called in descriptions, e.g. "image" or "recording". */
  noun: string;
  /** Throws a DatasetError naming `relPath` when the file is not a usable example. */
  validate(absPath: string, relPath: string): Promise<void>;
  /**
   * What the file's header says (image: format, width, height; audio: duration, sample rate,
   * channels, ...), for the Brainstormer's media tool; throws like `validate` on a bad file.
   */
  inspect(absPath: string, relPath: string): Promise<Record<string, string | number>>;
  /** The plugin's python/ folder: the <tier>.py tier scripts (the modality module <kind>.py is baseline-kit's). */
  pythonDir: string;
  /** One line per baseline tier, for the README and descriptions. */
  baselines: Record<'trivial' | 'simple' | 'strong', string>;
}
