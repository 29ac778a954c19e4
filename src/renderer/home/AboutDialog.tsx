/** 关于: version and where the data lives. */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Output } from '../../shared/api';
import { getClient } from '../client';

export function AboutDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [info, setInfo] = useState<Output<'app.info'> | null>(null);
  useEffect(() => {
    if (open) void getClient().send('app.info', {}).then(setInfo, () => setInfo(null));
  }, [open]);
  return (
    <Dialog open={open} onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>关于政府信息公开年报助手</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>按国办公开办函〔2021〕30号格式起草、检查和导出政府信息公开工作年度报告。</Typography>
        {info && (
          <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-all' }}>
            版本 {info.version} · 数据文件：{info.dbPath}
          </Typography>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>关闭</Button>
      </DialogActions>
    </Dialog>
  );
}
