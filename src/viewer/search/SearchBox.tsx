/**
 * Search over code, address, name and community (the archive's search, Chinese text
 * welcome). Waits for a pause in typing — and for IME composition to end, so pinyin
 * half-typed is never sent — then lists up to eight buildings; choosing one flies
 * there and selects it. Arrow keys and Enter work as in any combobox.
 */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ArchiveError, type BuildingSummary, searchBuildings } from '../api/archive-client.ts';

const DEBOUNCE_MS = 250;

export function SearchBox({ onChoose }: { onChoose(building: BuildingSummary): void }) {
  const { t } = useTranslation();
  const listId = useId();
  const [text, setText] = useState('');
  const [composing, setComposing] = useState(false);
  const [results, setResults] = useState<BuildingSummary[] | null>(null);
  const [status, setStatus] = useState<'idle' | 'searching' | 'unavailable'>('idle');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  /** The text was set by choosing a result: do not search it again (the list would reopen). */
  const chosenText = useRef<string | null>(null);

  useEffect(() => {
    const q = text.trim();
    if (composing || q === '' || text === chosenText.current) {
      setResults(null);
      return;
    }
    chosenText.current = null;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      setStatus('searching');
      searchBuildings(q, 8, abort.signal)
        .then((page) => {
          setResults(page.items);
          setActive(0);
          setOpen(true);
          setStatus('idle');
        })
        .catch((e: unknown) => {
          if (abort.signal.aborted) return;
          setResults(null);
          setStatus(e instanceof ArchiveError && !e.unavailable ? 'idle' : 'unavailable');
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [text, composing]);

  const choose = (b: BuildingSummary) => {
    setOpen(false);
    chosenText.current = b.name ?? b.address;
    setText(chosenText.current);
    onChoose(b);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (composing || !results?.length) return;
    if (e.key === 'ArrowDown') setActive((a) => (a + 1) % results.length);
    else if (e.key === 'ArrowUp') setActive((a) => (a - 1 + results.length) % results.length);
    else if (e.key === 'Enter') choose(results[active]!);
    else if (e.key === 'Escape') setOpen(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="search-box" ref={box}>
      <input
        type="search"
        role="combobox"
        aria-label={t('search.label')}
        aria-expanded={open && !!results}
        aria-controls={listId}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onCompositionStart={() => setComposing(true)}
        onCompositionEnd={(e) => {
          setComposing(false);
          setText(e.currentTarget.value);
        }}
        onFocus={() => setOpen(true)}
        onKeyDown={onKeyDown}
      />
      {status === 'searching' && <div className="search-status muted">{t('search.searching')}</div>}
      {status === 'unavailable' && <div className="search-status form-error">{t('search.unavailable')}</div>}
      {open && results && (
        <ul id={listId} role="listbox" className="search-results">
          {results.length === 0 && <li className="muted">{t('search.noResults')}</li>}
          {results.map((b, i) => (
            <li
              key={b.code}
              role="option"
              aria-selected={i === active}
              data-code={b.code}
              onMouseDown={(e) => {
                e.preventDefault(); // keep focus: no blur before the click lands
                choose(b);
              }}
            >
              <strong>{b.name ?? b.address}</strong>
              <span className="muted">
                {' '}
                {b.code} · {b.address}
                {b.community ? ` · ${b.community}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
