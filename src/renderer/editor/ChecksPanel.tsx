/**
 * 检查: every finding of the live checks, by part. A click goes to the part and focuses the first cell;
 * a warning can be acknowledged with a reason (stored with the report) and the acknowledgement undone.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import ListSubheader from '@mui/material/ListSubheader';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { FormatDefinition, SectionId } from '../../shared/format/index';
import type { Finding } from '../../shared/findings';
import { SEVERITY_NAMES } from '../../shared/names';
import { useGuardedClose } from '../common/useGuardedClose';
import { sectionOf } from './parts';

const COLORS = { error: 'error.main', warning: 'warning.main', info: 'info.main' } as const;

export interface ChecksPanelProps {
  format: FormatDefinition;
  findings: Finding[];
  /** Blank cells folded one line per table (cell.missing as published): listed, not counted as errors here. */
  blanks?: Finding[];
  /** The checks threw: said so, instead of "no problems". */
  failure?: string | null;
  /** Take the user to what the finding is about: its words in a part's text, its cell, or its part. */
  onGo(f: Finding): void;
  onAcknowledge(f: Finding, reason: string): Promise<void>;
  onUnacknowledge(f: Finding): Promise<void>;
}

export function ChecksPanel({ format, findings: live, blanks = [], failure, onGo, onAcknowledge, onUnacknowledge }: ChecksPanelProps) {
  // what `gov-report check` lists for the report as published: the live findings and the blanks
  const findings = [...live, ...blanks];
  const [acking, setAcking] = useState<Finding | null>(null);
  const [reason, setReason] = useState('');
  const closeAck = useGuardedClose(reason.trim() !== '', () => setAcking(null));
  const groups = [...format.sections.map((s) => ({ id: s.id as SectionId | null, title: s.heading })), { id: null, title: '其他' }]
    .map((g) => ({ ...g, items: findings.filter((f) => sectionOf(format, f) === g.id) }))
    .filter((g) => g.items.length > 0);
  const open = findings.filter((f) => !f.acknowledged && f.severity !== 'info');

  return (
    <Box data-testid="checks-panel">
      <Typography variant="h6" component="h2" gutterBottom>
        检查
      </Typography>
      {failure ? (
        <Alert severity="error" sx={{ mb: 1 }} data-testid="checks-failure">
          {failure}
        </Alert>
      ) : open.length === 0 ? (
        <Alert severity="success" sx={{ mb: 1 }}>
          {findings.length === 0 ? '没有发现问题，也没有未填写的单元格。' : '没有未处理的问题（提醒均已确认）。'}
        </Alert>
      ) : (
        <Typography color="text.secondary" sx={{ mb: 1 }}>
          点击一条问题可跳到对应的单元格或正文文字。错误需要改正；提醒如确认无误，可以填写理由后确认。
        </Typography>
      )}
      <List dense disablePadding>
        {groups.map((g) => (
          <li key={g.id ?? 'other'}>
            <ul style={{ padding: 0 }}>
              <ListSubheader sx={{ lineHeight: '32px', bgcolor: 'background.default' }}>{g.title}</ListSubheader>
              {g.items.map((f, i) => (
                <Stack component="li" key={`${f.rule}-${i}`} direction="row" sx={{ alignItems: 'flex-start' }} data-testid="finding" data-rule={f.rule} data-severity={f.severity}>
                  <ListItemButton onClick={() => g.id && onGo(f)} sx={{ alignItems: 'flex-start', opacity: f.acknowledged ? 0.6 : 1 }}>
                    <Box sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: COLORS[f.severity], mt: 1, mr: 1, flexShrink: 0 }} />
                    <ListItemText
                      primary={f.message}
                      secondary={f.acknowledged ? `${SEVERITY_NAMES[f.severity]} · 已确认：${f.acknowledged.reason}` : SEVERITY_NAMES[f.severity]}
                      slotProps={{ primary: { sx: { whiteSpace: 'pre-line' } } }}
                    />
                  </ListItemButton>
                  {f.severity === 'warning' && (
                    <Box sx={{ pt: 0.5, pr: 1, flexShrink: 0 }}>
                      {f.acknowledged ? (
                        <Button size="small" onClick={() => void onUnacknowledge(f)}>
                          撤销确认
                        </Button>
                      ) : (
                        <Button
                          size="small"
                          onClick={() => {
                            setReason('');
                            setAcking(f);
                          }}
                        >
                          确认无误
                        </Button>
                      )}
                    </Box>
                  )}
                </Stack>
              ))}
            </ul>
          </li>
        ))}
      </List>
      <Dialog open={!!acking} onClose={closeAck} maxWidth="sm" fullWidth>
        <DialogTitle>确认这条提醒</DialogTitle>
        <DialogContent>
          <Typography gutterBottom>{acking?.message}</Typography>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            label="确认理由"
            placeholder="例如：本年度确无行政复议案件"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'ack-reason' } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAcking(null)}>取消</Button>
          <Button
            variant="contained"
            disabled={!reason.trim()}
            onClick={async () => {
              if (acking) await onAcknowledge(acking, reason.trim());
              setAcking(null);
            }}
          >
            确认
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
