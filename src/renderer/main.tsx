/** Renderer entry: theme with the zhCN locale, feedback, the app. */
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { FeedbackProvider } from './common/feedback';
import { preloadScreen } from './lazy';
import { pageFromHash } from './navigation';
import { theme } from './theme';

preloadScreen(pageFromHash(window.location.hash));

createRoot(document.getElementById('root')!).render(
  <ThemeProvider theme={theme}>
    <CssBaseline />
    <FeedbackProvider>
      <App />
    </FeedbackProvider>
  </ThemeProvider>,
);
