export {
  PACKAGE_PATHS, REQUIRED_PACKAGE_FILES, MissingFileError, loadTable, withPackage, featureColumns, isClassification, formatNumber,
  type PackageFile, type LoadedTable, type Tables,
} from './package-io.js';
export { timeLayout, seriesKeySql, timeOrderSql, type TimeLayout } from './time-layout.js';
