import './cesium-base-url.ts';
import 'cesium/Build/Cesium/Widgets/widgets.css';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { initI18n, languageFromUrl } from './i18n/index.ts';

await initI18n(languageFromUrl(window.location.search));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
