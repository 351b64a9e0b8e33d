export {
  PACKAGE_PATHS, MissingFileError, loadTable, withPackage, featureColumns, isClassification, formatNumber,
  type PackageFile, type LoadedTable, type Tables,
} from './package-io.js';
