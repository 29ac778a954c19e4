/** Renderer entry: theme with the zhCN locale, feedback, the app. */
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { FeedbackProvider } from './common/feedback';
import { theme } from './theme';

createRoot(document.getElementById('root')!).render(
  <ThemeProvider theme={theme}>
    <CssBaseline />
    <FeedbackProvider>
      <App />
    </FeedbackProvider>
  </ThemeProvider>,
);
