/** The agencies: rename one or change its level (the level decides the deadline and some checks). */
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { AGENCY_LEVEL_NAMES } from '../../shared/agency-levels';
import type { Agency } from '../../shared/api';
import { getClient, messageOf } from '../client';
import { formatDate } from '../common/dates';
import { useFeedback } from '../common/feedback';
import { useGuardedClose } from '../common/useGuardedClose';
import { AgencyFields, type AgencyDraft } from '../home/AgencyFields';

export function AgenciesSection({ agencies, onChanged }: { agencies: readonly Agency[]; onChanged(): Promise<void> }) {
  const client = getClient();
  const { notify } = useFeedback();
  const [editing, setEditing] = useState<{ agency: Agency; draft: AgencyDraft } | null>(null);
  const [saving, setSaving] = useState(false);
  const edited = !!editing && (editing.draft.name !== editing.agency.name || editing.draft.level !== editing.agency.level);
  const closeEditing = useGuardedClose(edited, () => setEditing(null));

  const save = async () => {
    if (!editing) return;
    setSaving(true);
    try {
      const updated = await client.send('agencies.update', { id: editing.agency.id, name: editing.draft.name.trim(), level: editing.draft.level });
      setEditing(null);
      notify(`已保存：${updated.name}（${AGENCY_LEVEL_NAMES[updated.level]}）`);
      await onChanged();
    } catch (e) {
      notify(messageOf(e), 'error');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box data-testid="settings-agencies">
      <Typography color="text.secondary" sx={{ mb: 1.5 }}>
        机关名称印在报告标题上；层级决定报告的发布期限和部分检查规则。改名后，已有报告的标题随之更新。
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>机关名称</TableCell>
            <TableCell>层级</TableCell>
            <TableCell>添加日期</TableCell>
            <TableCell align="right">操作</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {agencies.map((a) => (
            <TableRow key={a.id} data-testid={`settings-agency-${a.id}`}>
              <TableCell>{a.name}</TableCell>
              <TableCell>{AGENCY_LEVEL_NAMES[a.level]}</TableCell>
              <TableCell>{formatDate(a.createdAt)}</TableCell>
              <TableCell align="right">
                <Button size="small" onClick={() => setEditing({ agency: a, draft: { name: a.name, level: a.level } })}>
                  编辑
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Dialog open={!!editing} onClose={closeEditing} maxWidth="xs" fullWidth>
        <DialogTitle>编辑机关</DialogTitle>
        <DialogContent>
          <Box sx={{ pt: 1 }}>{editing && <AgencyFields value={editing.draft} onChange={(draft) => setEditing({ ...editing, draft })} autoFocus />}</Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setEditing(null)}>取消</Button>
          <Button variant="contained" disabled={saving || !editing?.draft.name.trim()} onClick={() => void save()}>
            保存
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
