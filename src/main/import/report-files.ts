/** The files a folder scan reads as reports (汇总 units, batch audit): every kind `importFile` takes. */
export { REPORT_FILE } from '../../shared/report-files';
