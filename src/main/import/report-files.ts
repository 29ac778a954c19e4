/** The files a folder scan reads as reports (汇总 units, batch audit): every kind `importFile` takes. */
export const REPORT_FILE = /\.(json|docx|pdf|html?|mht|mhtml|txt|md|xlsx)$/i;
