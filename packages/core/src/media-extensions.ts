// File extensions of media files, by kind, and the folder names that split a dataset: what the
// data layer (what a file is, which folders are classes) and the dataset expansion (is a folder
// of class folders one dataset?) both read.
export type MediaFileKind = 'image' | 'audio' | 'text';

export const MEDIA_EXTENSIONS: Readonly<Record<string, MediaFileKind>> = {
  '.png': 'image', '.jpg': 'image', '.jpeg': 'image', '.gif': 'image', '.bmp': 'image', '.webp': 'image', '.tif': 'image', '.tiff': 'image',
  '.wav': 'audio', '.mp3': 'audio', '.flac': 'audio', '.ogg': 'audio', '.m4a': 'audio', '.aac': 'audio',
  '.txt': 'text', '.md': 'text', '.html': 'text', '.xml': 'text',
};

/** The media kind of a file name by its last extension (case-insensitive), if any. */
export function mediaKindOfName(baseName: string): MediaFileKind | undefined {
  const ext = /(\.[a-z0-9]+)$/.exec(baseName.toLowerCase())?.[1];
  return ext ? MEDIA_EXTENSIONS[ext] : undefined;
}

/** Folder names that split a dataset rather than label it: `train/` and `test/` are not classes. */
const SPLIT_FOLDER = /^(train|training|test|testing|val|valid|validation|dev|eval)$/i;

export function isSplitFolderName(name: string): boolean {
  return SPLIT_FOLDER.test(name);
}
