export {
  PACKAGE_PATHS, MissingFileError, fileExists, loadTable, withPackage, featureColumns, isClassification, formatNumber,
  type PackageFile, type LoadedTable, type Tables,
} from './package-io.js';
