/** First start: who is writing the report. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Agency } from '../../shared/api';
import { getClient, messageOf } from '../client';
import { AgencyFields, EMPTY_AGENCY } from './AgencyFields';

export function Welcome({ onCreated }: { onCreated(a: Agency): void }) {
  const [draft, setDraft] = useState(EMPTY_AGENCY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      onCreated(await getClient().send('agencies.create', { name: draft.name.trim(), level: draft.level }));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ minHeight: '100%', display: 'grid', placeItems: 'center', p: 2 }}>
      <Paper variant="outlined" sx={{ p: 4, width: 480, maxWidth: '100%' }}>
        <Typography variant="h5" component="h1" gutterBottom>
          欢迎使用政府信息公开年报助手
        </Typography>
        <Typography color="text.secondary" sx={{ mb: 3 }}>
          先填写本机关的名称和层级。以后可以再添加其他单位（例如为下属单位代管报告）。
        </Typography>
        <Box component="form" onSubmit={(e) => (e.preventDefault(), void submit())}>
          <AgencyFields value={draft} onChange={setDraft} autoFocus />
          {error && (
            <Alert severity="error" sx={{ mt: 2, whiteSpace: 'pre-line' }}>
              {error}
            </Alert>
          )}
          <Button type="submit" variant="contained" size="large" fullWidth sx={{ mt: 3 }} disabled={busy || !draft.name.trim()}>
            开始
          </Button>
        </Box>
      </Paper>
    </Box>
  );
}
