/** The dialogs of useExport: the errors that block an export, 空白单元格填 0, and 已导出 (desktop app). */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import type { Finding } from '../../shared/findings';
import type { BlankFill } from './useExport';

/** Errors listed in the dialog; the check panel has them all. */
const SHOWN = 50;

export interface ExportDialogsProps {
  /** `unsaved`: the findings are entries the screen holds that are not stored (cell.invalid); no way around them. */
  blocked: { message: string; findings: Finding[]; unsaved?: boolean } | null;
  confirmFill: BlankFill | null;
  saved: string | null;
  busy: boolean;
  hasMissing: boolean;
  onCloseBlocked(): void;
  onAskFill(): void;
  onForce(): void;
  onCloseFill(): void;
  onFill(): void;
  onCloseSaved(): void;
  onShowSaved(): void;
}

export function ExportDialogs(p: ExportDialogsProps) {
  return (
    <>
      <Dialog open={!!p.blocked} onClose={p.onCloseBlocked} maxWidth="sm" fullWidth>
        <DialogTitle>{p.blocked?.unsaved ? '表格中有无效输入' : '报告中还有错误'}</DialogTitle>
        <DialogContent dividers>
          <Typography gutterBottom>
            {p.blocked?.unsaved
              ? '以下单元格的输入不是有效数字，没有保存；此时导出，报告中仍是原来的数字。请先改正（或在单元格中按 Esc 撤回）再导出。'
              : '以下问题尚未改正。建议先改正再导出；如确需导出（例如先送审），可以选择“仍然导出”。'}
          </Typography>
          {p.blocked && p.blocked.findings.length > 0 ? (
            <List dense data-testid="export-errors" sx={{ maxHeight: 360, overflow: 'auto' }}>
              {p.blocked.findings.slice(0, SHOWN).map((f, i) => (
                <ListItem key={i} disableGutters>
                  <ListItemText primary={f.message} />
                </ListItem>
              ))}
              {p.blocked.findings.length > SHOWN && (
                <ListItem disableGutters>
                  <ListItemText secondary={`……另有 ${p.blocked.findings.length - SHOWN} 处，可在“检查”中查看全部`} />
                </ListItem>
              )}
            </List>
          ) : (
            <Alert severity="error" sx={{ whiteSpace: 'pre-line' }}>
              {p.blocked?.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={p.onCloseBlocked}>返回修改</Button>
          {p.hasMissing && !p.blocked?.unsaved && (
            <Button variant="outlined" disabled={p.busy} onClick={p.onAskFill} data-testid="fill-blanks">
              空白单元格填 0
            </Button>
          )}
          {!p.blocked?.unsaved && (
            <Button color="error" variant="contained" disabled={p.busy} onClick={p.onForce}>
              仍然导出
            </Button>
          )}
        </DialogActions>
      </Dialog>
      <Dialog open={!!p.confirmFill && !!p.blocked} onClose={p.onCloseFill} maxWidth="xs" fullWidth>
        <DialogTitle>空白单元格填 0</DialogTitle>
        <DialogContent>
          <Typography data-testid="fill-blanks-message">
            {p.confirmFill?.count
              ? `共 ${p.confirmFill.count} 个空白单元格将填为 0，可在“历史”中恢复。`
              : '没有需要填 0 的空白单元格（自动计算的总计会随各项更新）。'}
          </Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={p.onCloseFill}>取消</Button>
          <Button variant="contained" disabled={p.busy || !p.confirmFill?.count} onClick={p.onFill} data-testid="fill-blanks-confirm">
            填 0 并导出
          </Button>
        </DialogActions>
      </Dialog>
      <Dialog open={!!p.saved} onClose={p.onCloseSaved} maxWidth="sm" fullWidth>
        <DialogTitle>已导出</DialogTitle>
        <DialogContent>
          <Typography sx={{ wordBreak: 'break-all' }}>{p.saved}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={p.onShowSaved}>打开所在文件夹</Button>
          <Button variant="contained" onClick={p.onCloseSaved}>
            完成
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
