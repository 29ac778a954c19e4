/** pdf.js's worker half ships without types; only its WorkerMessageHandler is looked at, by pdf.js itself. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
