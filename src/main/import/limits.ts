/**
 * Bounds on what an import may cost. A hostile file (zip bomb, entity expansion, 200 MB of junk, HTML
 * nested 100 000 levels) is refused by one of these before it can take unbounded time or memory.
 */
const MB = 1024 * 1024;

/** Largest file accepted at all (a .docx with photos is rarely above 20 MB). */
export const MAX_FILE_BYTES = 100 * MB;
/** Largest HTML page or text file. */
export const MAX_TEXT_BYTES = 30 * MB;
/** Zip entries a .docx may list. */
export const MAX_ZIP_ENTRIES = 5000;
/** Largest declared uncompressed size of any one entry. */
export const MAX_ENTRY_BYTES = 256 * MB;
/** Sum of the declared uncompressed sizes of all entries. */
export const MAX_TOTAL_UNZIPPED_BYTES = 1024 * MB;
/** Largest word/document.xml we inflate and parse. */
export const MAX_DOCUMENT_XML_BYTES = 64 * MB;
/** Input slice handed to the inflater at once: bounds the output of one step (deflate expands ≤ 1032×). */
export const INFLATE_CHUNK_BYTES = 4 * 1024;
/** Deepest element nesting accepted in HTML or XML. */
export const MAX_NESTING = 1000;
/** Most tables / rows / cells a document may have. */
export const MAX_TABLE_ROWS = 20_000;
/** Most cells in one table row (the widest table of the format has 10 grid columns). */
export const MAX_ROW_CELLS = 300;
export const MAX_BLOCKS = 200_000;
/** Largest rowspan/colspan honoured. */
export const MAX_SPAN = 100;
