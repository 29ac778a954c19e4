/** On a wide screen, the printed preview or the check panel beside the part being edited. */
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import type { ReactNode } from 'react';

export type Side = 'preview' | 'checks';

export function SidePanel({ side, onSide, openCount, preview, checks }: { side: Side; onSide(side: Side): void; openCount: number; preview: ReactNode; checks: ReactNode }) {
  return (
    <Box component="aside" sx={{ width: 'clamp(480px, 34vw, 700px)', flexShrink: 0, borderLeft: 1, borderColor: 'divider', display: 'flex', flexDirection: 'column', minHeight: 0 }}>
      <Tabs value={side} onChange={(_e, v: Side) => onSide(v)} sx={{ borderBottom: 1, borderColor: 'divider', minHeight: 40, bgcolor: '#fff' }}>
        <Tab value="preview" label="预览" sx={{ minHeight: 40 }} />
        <Tab value="checks" label={`检查（${openCount}）`} sx={{ minHeight: 40 }} data-testid="side-checks" />
      </Tabs>
      <Box sx={{ flexGrow: 1, overflow: 'auto', p: side === 'checks' ? 2 : 0, bgcolor: side === 'checks' ? '#fff' : undefined }}>{side === 'preview' ? preview : checks}</Box>
    </Box>
  );
}
