/** Renderer entry: theme with the zhCN locale, feedback, the app. */
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { FeedbackProvider } from './common/feedback';
import { startEarly } from './early';
import { preloadScreen } from './lazy';
import { pageFromHash } from './navigation';
import { theme } from './theme';

// the first screen's code is evaluated, and its data asked for (boot.js has done so already), before React starts
const first = pageFromHash(window.location.hash);
startEarly(first);
preloadScreen(first);

createRoot(document.getElementById('root')!).render(
  <ThemeProvider theme={theme}>
    <CssBaseline />
    <FeedbackProvider>
      <App />
    </FeedbackProvider>
  </ThemeProvider>,
);
