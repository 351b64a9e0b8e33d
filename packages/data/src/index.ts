// @mle-smith/data: DuckDB-backed table access — reading, profiling, deterministic splits,
// checksums. The project's only CSV reader lives here.
export { withDuckDb } from './session.js';
export type { DuckDbSession, DuckDbOptions, SqlParams } from './session.js';
export { readCsvColumns } from './csv-columns.js';
export type { CsvColumns, ReadCsvOptions } from './csv-columns.js';
export { sha256File, checksumTree } from './checksum.js';
export { profileDataset, duckDbProfiler } from './profile.js';
export type { ProfileOptions } from './profile.js';
export { materializeSplit, sortLabels, TARGET_SOURCE_FILE } from './split.js';
export type { SplitResult, MaterializeOptions } from './split.js';
export { runReadOnlySql } from './readonly-sql.js';
export type { SqlResult } from './readonly-sql.js';
export { candidateTargets } from './targets.js';
export { sanitizeName, quoteIdent, quoteLiteral, isFloatType, momentValue, EXTREME_MAGNITUDE } from './sql.js';
export { csvSource, describeCsvError } from './csv-dialect.js';
export { textFolderTable, TEXT_FOLDER_TABLE } from './text-folder.js';
export { materializeMediaSplit, readMediaTable } from './media-split.js';
export { mediaFolderTables, MEDIA_FOLDER_TABLES } from './media-folder.js';
export type { MediaIndexEntry, MediaSplitOptions } from './media-split.js';
export { scanNumericCsvPair } from './csv-pair.js';
export type { NumericCsvPairBlock, NumericCsvPairPlan } from './csv-pair.js';
export { estimateRows } from './csv-columns.js';
export { detectDateFormat, parseDateParts, columnTimeSql, yearMonthSql, yearQuarterSql, monthNumber } from './time-format.js';
export type { ColumnTimeFormat } from './time-format.js';
export { frequencyOfStep, stepsBetween, stepsBetweenSql, seasonalPeriodOf, FREQUENCY_NAMES } from './time-frequency.js';
export type { Frequency } from './time-frequency.js';
export { findTimeIndex, columnTimeFormat, seriesCandidates } from './time-index.js';
export type { TimeIndex, TimeIndexOptions } from './time-index.js';
