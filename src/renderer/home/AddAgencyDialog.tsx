/** 添加机关: name and level of another agency whose reports this office keeps. */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useGuardedClose } from '../common/useGuardedClose';
import { AgencyFields, type AgencyDraft } from './AgencyFields';

export function AddAgencyDialog({
  open,
  draft,
  onDraft,
  onClose,
  onAdd,
}: {
  open: boolean;
  draft: AgencyDraft;
  onDraft(draft: AgencyDraft): void;
  onClose(): void;
  onAdd(): void;
}) {
  const guardedClose = useGuardedClose(draft.name.trim() !== '', onClose);
  return (
    <Dialog open={open} onClose={guardedClose} maxWidth="xs" fullWidth>
      <DialogTitle>添加机关</DialogTitle>
      <DialogContent>
        <Box sx={{ pt: 1 }}>
          <AgencyFields value={draft} onChange={onDraft} autoFocus />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>取消</Button>
        <Button variant="contained" disabled={!draft.name.trim()} onClick={onAdd}>
          添加
        </Button>
      </DialogActions>
    </Dialog>
  );
}
