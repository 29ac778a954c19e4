/** A file chosen for 导入 (picker, drop or the desktop dialog), read into the page before the dialog opens. */
import { fileToBase64 } from '../common/files';

export const IMPORT_ACCEPT = '.json,.docx,.html,.htm,.txt,.xlsx';

export interface PickedFile {
  fileName: string;
  data: string;
}

export async function pickedFromFile(file: File): Promise<PickedFile> {
  return { fileName: file.name, data: await fileToBase64(file) };
}
