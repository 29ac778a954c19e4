/**
 * What stops saving, in front of the editor: a banner when the disk is full or the data file is read-only
 * (the edits stay in the editor and are retried). The two versions of a part changed elsewhere are shown
 * by ./ConflictDialog, a chunk loaded when it is first needed.
 */
import Alert from '@mui/material/Alert';
import type { SaveState } from './useReportState';

const STORAGE_CODES = new Set(['disk_full', 'read_only', 'db_locked']);

export function StorageBanner({ save }: { save: SaveState }) {
  if (save.kind !== 'error' || !STORAGE_CODES.has(save.code ?? '')) return null;
  return (
    <Alert severity="error" role="alert" data-testid="storage-banner" sx={{ borderRadius: 0 }}>
      {save.message} 您输入的内容仍保留在编辑区中，程序每隔几秒自动重试保存，请不要关闭本窗口。
    </Alert>
  );
}
