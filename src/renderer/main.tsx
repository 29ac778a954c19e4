/** Renderer entry: theme with the zhCN locale, feedback, the app. */
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { FeedbackProvider } from './common/feedback';
import { openReportEarly } from './editor/openReport';
import { preloadScreen } from './lazy';
import { pageFromHash } from './navigation';
import { theme } from './theme';

// the first screen's code, and on an editor address its report, are asked for before React starts
const first = pageFromHash(window.location.hash);
preloadScreen(first);
if (first.name === 'editor') openReportEarly(first.id);

createRoot(document.getElementById('root')!).render(
  <ThemeProvider theme={theme}>
    <CssBaseline />
    <FeedbackProvider>
      <App />
    </FeedbackProvider>
  </ThemeProvider>,
);
