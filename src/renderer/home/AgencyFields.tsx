/** Agency name and level, as the welcome screen and the 添加机关 dialog ask for them. */
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { AGENCY_LEVELS, AGENCY_LEVEL_NAMES, type AgencyLevel } from '../../shared/agency-levels';
import type { AgencyDraft } from './agencyDraft';

export { EMPTY_AGENCY, type AgencyDraft } from './agencyDraft';

export function AgencyFields({ value, onChange, autoFocus }: { value: AgencyDraft; onChange(v: AgencyDraft): void; autoFocus?: boolean }) {
  return (
    <Stack spacing={2}>
      <TextField
        label="机关名称"
        placeholder="例如：某某县教育局"
        value={value.name}
        onChange={(e) => onChange({ ...value, name: e.target.value })}
        autoFocus={autoFocus}
        required
        fullWidth
        slotProps={{ htmlInput: { maxLength: 100, 'data-testid': 'agency-name' } }}
      />
      <TextField
        select
        label="机关层级"
        value={value.level}
        onChange={(e) => onChange({ ...value, level: e.target.value as AgencyLevel })}
        helperText="决定报告的发布期限：政府部门 1 月 31 日前，县级以上人民政府 3 月 31 日前"
        fullWidth
        slotProps={{ htmlInput: { 'data-testid': 'agency-level' } }}
      >
        {AGENCY_LEVELS.map((l) => (
          <MenuItem key={l} value={l}>
            {AGENCY_LEVEL_NAMES[l]}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
}
