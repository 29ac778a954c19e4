/** A restrained MUI theme: one blue primary, red/amber kept for findings, system CJK UI fonts. */
import { createTheme } from '@mui/material/styles';
import { zhCN } from '@mui/material/locale';

export const UI_FONT = '"Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

export const theme = createTheme(
  {
    palette: {
      primary: { main: '#1f5fa8' },
      error: { main: '#c62828' },
      warning: { main: '#e08a00' },
      background: { default: '#f4f6f9' },
    },
    typography: { fontFamily: UI_FONT, fontSize: 14, button: { textTransform: 'none' } },
    shape: { borderRadius: 4 },
    components: {
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiAppBar: { defaultProps: { elevation: 0 } },
      MuiTooltip: { defaultProps: { arrow: true } },
    },
  },
  zhCN,
);
