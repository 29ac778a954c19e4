/**
 * What stops saving, in front of the editor: a banner when the disk is full or the data file is read-only
 * (the edits stay in the editor and are retried). The two versions of a part changed elsewhere are shown
 * by ./ConflictDialog, a chunk loaded when it is first needed.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import { requestRecovery } from '../client';
import type { SaveState } from './useReportState';

const STORAGE_CODES = new Set(['disk_full', 'read_only', 'db_locked', 'needs_recovery']);

export function StorageBanner({ save }: { save: SaveState }) {
  if (save.kind !== 'error' || !STORAGE_CODES.has(save.code ?? '')) return null;
  if (save.code === 'needs_recovery')
    return (
      <Alert
        severity="error"
        role="alert"
        data-testid="storage-banner"
        sx={{ borderRadius: 0 }}
        action={
          <Button color="inherit" variant="outlined" size="small" onClick={() => requestRecovery('user')}>
            打开恢复页面
          </Button>
        }
      >
        {save.message} 最近的修改未能保存，仍显示在编辑区中：如需保留，请先复制出来，再打开恢复页面。
      </Alert>
    );
  return (
    <Alert severity="error" role="alert" data-testid="storage-banner" sx={{ borderRadius: 0 }}>
      {save.message} 您输入的内容仍保留在编辑区中，程序每隔几秒自动重试保存，请不要关闭本窗口。
    </Alert>
  );
}
