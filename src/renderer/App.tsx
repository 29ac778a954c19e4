/** Top-level navigation: welcome on first start, then home, editor, 回收站 and 汇总. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import AppBar from '@mui/material/AppBar';
import LinearProgress from '@mui/material/LinearProgress';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { Agency } from '../shared/api';
import { getClient, messageOf, onRecoveryRequest } from './client';
import { announceDataReplaced } from './common/dataEvents';
import { useFeedback } from './common/feedback';
import { listAgencies } from './early';
import { AboutDialog, LazyEditor, LazyHome, LazyRecovery, LazyWelcome, prefetchLazyParts } from './lazy';
import { hashOf, pageFromHash, type MenuEvent, type Page } from './navigation';

export function App() {
  const client = getClient();
  const { notify } = useFeedback();
  const [agencies, setAgencies] = useState<Agency[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [page, setPageState] = useState<Page>(() => pageFromHash(window.location.hash));
  const setPage = useCallback((p: Page) => {
    if (window.location.hash !== hashOf(p)) window.location.hash = hashOf(p);
    setPageState(p);
  }, []);
  useEffect(() => {
    const onHash = () => setPageState(pageFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const [menu, setMenu] = useState<MenuEvent | null>(null);
  const [about, setAbout] = useState(false);

  /** The data file cannot be used: the recovery screen instead of every other. */
  const [recovering, setRecovering] = useState(false);
  const loadAgencies = useCallback(async () => {
    try {
      setAgencies(await listAgencies());
      setLoadError(null);
    } catch (e) {
      // by code: the early request may come from boot.js's own copy of the client
      if ((e as { code?: unknown }).code === 'needs_recovery') setRecovering(true);
      else setLoadError(messageOf(e));
    }
  }, []);
  const pageRef = useRef(page);
  pageRef.current = page;
  // an editor keeps its unsaved text on screen behind a banner (the user goes on from there); elsewhere at once
  useEffect(() => onRecoveryRequest((why) => (why === 'user' || pageRef.current.name !== 'editor') && setRecovering(true)), []);
  const recovered = useCallback(
    (message: string) => {
      setRecovering(false);
      setAgencies(null);
      announceDataReplaced();
      void loadAgencies();
      if (message) notify(message, 'success');
    },
    [loadAgencies, notify],
  );

  useEffect(() => {
    void loadAgencies();
  }, [loadAgencies]);

  // the first screen has its data: the other parts' chunks can come now, while the user reads
  const ready = agencies !== null;
  useEffect(() => {
    if (ready) prefetchLazyParts();
  }, [ready]);

  useEffect(() => {
    if (!client.bridge) return;
    let serial = 0;
    return client.bridge.onMenu(async (command) => {
      if (command === 'about') return setAbout(true);
      if (command === 'backup') {
        try {
          const b = await client.send('backups.create', {});
          notify(`已备份：${b.name}`);
        } catch (e) {
          notify(messageOf(e), 'error');
        }
        return;
      }
      if (command === 'dataFolder') {
        try {
          const info = await client.send('app.info', {});
          await client.bridge?.showInFolder(info.dbPath);
        } catch (e) {
          notify(messageOf(e), 'error');
        }
        return;
      }
      setMenu({ command, serial: ++serial, handled: false });
    });
  }, [client, notify]);

  useEffect(() => {
    document.title = '政府信息公开年报助手';
  }, [page]);

  if (recovering)
    return (
      <Suspense fallback={<AppFrame />}>
        <LazyRecovery onRecovered={recovered} />
      </Suspense>
    );
  if (loadError)
    return (
      <Box sx={{ p: 4, maxWidth: 640 }}>
        <Alert severity="error" action={<Button onClick={() => void loadAgencies()}>重试</Button>}>
          {loadError}
        </Alert>
      </Box>
    );
  if (!agencies) return <AppFrame />;
  if (agencies.length === 0)
    return (
      <Suspense fallback={<AppFrame />}>
        <LazyWelcome onCreated={(a) => setAgencies([a])} />
      </Suspense>
    );

  return (
    <Suspense fallback={<AppFrame />}>
      {page.name === 'editor' ? (
        <LazyEditor
          key={page.id}
          id={page.id}
          view={page.view}
          onView={(view) => setPage({ name: 'editor', id: page.id, view })}
          menu={menu}
          onClose={() => setPage({ name: 'home' })}
        />
      ) : (
        <LazyHome
          agencies={agencies}
          page={page}
          menu={menu}
          onAgenciesChanged={loadAgencies}
          onNavigate={setPage}
        />
      )}
      <AboutDialog open={about} onClose={() => setAbout(false)} />
    </Suspense>
  );
}

/** The app's frame while its first data or its screen's code is on the way: the bar the static page paints before any script. */
function AppFrame() {
  return (
    <Box sx={{ minHeight: '100%' }}>
      <AppBar position="sticky" color="primary">
        <Toolbar variant="dense">
          <Typography variant="h6" component="h1" sx={{ fontSize: 18 }}>
            政府信息公开年报助手
          </Typography>
        </Toolbar>
      </AppBar>
      <LinearProgress aria-label="正在加载" />
    </Box>
  );
}
