/** 设置: export fonts and sizes, the agencies, and 数据与备份 — one full-screen dialog with a tab each. */
import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { Agency } from '../../shared/api';
import { getClient, messageOf } from '../client';
import { useFeedback } from '../common/feedback';
import { AgenciesSection } from './AgenciesSection';
import { BackupsSection } from './BackupsSection';
import { ExportSection } from './ExportSection';
import { reloadExportSettings } from './exportSettings';

export type SettingsTab = 'export' | 'agencies' | 'data';

const TABS: readonly [SettingsTab, string][] = [
  ['export', '导出字体字号'],
  ['agencies', '机关'],
  ['data', '数据与备份'],
];
const ALL_TABS = TABS.map(([id]) => id);

export interface SettingsDialogProps {
  open: boolean;
  /** The tab shown on opening. */
  tab?: SettingsTab;
  /** The tabs offered (the editor offers only the export settings: a restore under an open report would lose its edits). */
  tabs?: readonly SettingsTab[];
  onClose(): void;
  /** Agencies changed, or the whole database was replaced by a backup: the screens behind reload. */
  onDataChanged?(): Promise<void> | void;
}

export function SettingsDialog({ open, tab: initialTab = 'export', tabs = ALL_TABS, onClose, onDataChanged }: SettingsDialogProps) {
  const client = getClient();
  const { notify } = useFeedback();
  const [tab, setTab] = useState<SettingsTab>(initialTab);
  const [agencies, setAgencies] = useState<Agency[]>([]);

  const loadAgencies = useCallback(async () => {
    try {
      setAgencies(await client.send('agencies.list', {}));
    } catch (e) {
      notify(messageOf(e), 'error');
    }
  }, [client, notify]);

  useEffect(() => {
    if (!open) return;
    setTab(initialTab);
    void loadAgencies();
  }, [open, initialTab, loadAgencies]);

  const changed = async () => {
    await loadAgencies();
    await onDataChanged?.();
  };
  const restored = async () => {
    reloadExportSettings();
    await changed();
  };

  return (
    <Dialog open={open} onClose={onClose} fullScreen aria-labelledby="settings-title">
      <AppBar position="sticky" color="primary">
        <Toolbar variant="dense" sx={{ gap: 1 }}>
          <Typography id="settings-title" variant="h6" component="h1" sx={{ flexGrow: 1, fontSize: 18 }}>
            设置
          </Typography>
          <Button color="inherit" variant="outlined" onClick={onClose}>
            完成
          </Button>
        </Toolbar>
      </AppBar>
      <Box sx={{ bgcolor: 'background.default', flexGrow: 1, overflowY: 'auto' }}>
        <Box sx={{ maxWidth: 1080, mx: 'auto', p: { xs: 2, md: 3 } }}>
          {tabs.length > 1 && (
          <Tabs value={tab} onChange={(_e, t: SettingsTab) => setTab(t)} sx={{ mb: 2, borderBottom: 1, borderColor: 'divider' }}>
            {TABS.filter(([id]) => tabs.includes(id)).map(([id, label]) => (
              <Tab key={id} value={id} label={label} data-testid={`settings-tab-${id}`} />
            ))}
          </Tabs>
          )}
          <Paper variant="outlined" sx={{ p: 2 }}>
            {tab === 'export' && <ExportSection />}
            {tab === 'agencies' && <AgenciesSection agencies={agencies} onChanged={changed} />}
            {tab === 'data' && <BackupsSection onRestored={restored} />}
          </Paper>
        </Box>
      </Box>
    </Dialog>
  );
}
