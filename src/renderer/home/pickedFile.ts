/** A file chosen for 导入 (picker, drop or the desktop dialog), read into the page before the dialog opens. */
import { oversizeFile, uploadTooLargeMessage } from '../../shared/upload-limits';
import { ClientError } from '../client';
import { fileToBase64 } from '../common/files';

export const IMPORT_ACCEPT = '.json,.docx,.pdf,.html,.htm,.mht,.txt,.md,.xlsx';

export interface PickedFile {
  fileName: string;
  data: string;
}

/** Refuses a file over the upload limit before reading it (too_large, the limit in the message). */
export async function pickedFromFile(file: File): Promise<PickedFile> {
  if (oversizeFile([file])) throw new ClientError('too_large', uploadTooLargeMessage(file.name, file.size));
  return { fileName: file.name, data: await fileToBase64(file) };
}
