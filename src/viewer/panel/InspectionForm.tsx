/**
 * Recording an inspection (inspectors and admins): findings, hazards found, an
 * optional new grade. Sends the dossier version it was based on; if someone else
 * changed the building meanwhile (409) the dossier is reloaded for a second look.
 */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SAFETY_GRADES, type SafetyGrade } from '../../core/grades.ts';
import { HAZARD_ITEMS, type HazardItem } from '../../core/hazards.ts';
import { ArchiveError, recordInspection } from '../api/archive-client.ts';
import { vocab } from '../i18n/vocabulary.ts';

export interface InspectionFormProps {
  code: string;
  version: number;
  /** After a save (with the new grade, if any) or a stale version: reload the dossier. */
  onSaved(grade: SafetyGrade | null): void;
  onStale(): void;
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function InspectionForm({ code, version, onSaved, onStale }: InspectionFormProps) {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(today);
  const [findings, setFindings] = useState('');
  const [hazards, setHazards] = useState<HazardItem[]>([]);
  const [grade, setGrade] = useState<SafetyGrade | ''>('');
  const [agency, setAgency] = useState('');
  // Keys, not translated text: the message follows a language switch.
  const [message, setMessage] = useState<{
    kind: 'ok' | 'error';
    key: 'inspect.saved' | 'inspect.gradeNotApplied' | 'inspect.stale' | 'inspect.failed';
    detail?: string;
    date?: string;
    grade?: SafetyGrade;
  } | null>(null);
  const [busy, setBusy] = useState(false);

  const toggle = (h: HazardItem) => setHazards((list) => (list.includes(h) ? list.filter((x) => x !== h) : [...list, h]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    recordInspection(code, {
      date,
      findings,
      hazards,
      version,
      ...(grade ? { grade } : {}),
      ...(grade && agency.trim() ? { agency: agency.trim() } : {}),
    })
      .then((saved) => {
        const kept = !saved.gradeApplied && saved.currentAppraisal;
        // A back-dated grade change: recorded, but a newer appraisal keeps the grade — say so.
        setMessage(kept ? { kind: 'error', key: 'inspect.gradeNotApplied', ...kept } : { kind: 'ok', key: 'inspect.saved' });
        setFindings('');
        setHazards([]);
        setGrade('');
        onSaved(kept ? null : grade || null);
      })
      .catch((e: unknown) => {
        if (e instanceof ArchiveError && e.status === 409) {
          setMessage({ kind: 'error', key: 'inspect.stale' });
          onStale();
        } else setMessage({ kind: 'error', key: 'inspect.failed', detail: e instanceof Error ? e.message : String(e) });
      })
      .finally(() => setBusy(false));
  };

  return (
    <form className="inspection-form" onSubmit={submit}>
      <label>
        {t('inspect.date')}
        <input name="date" type="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <label>
        {t('inspect.findings')}
        <textarea name="findings" rows={3} value={findings} onChange={(e) => setFindings(e.target.value)} required />
      </label>
      <fieldset>
        <legend>{t('inspect.hazards')}</legend>
        {HAZARD_ITEMS.map((h) => (
          <label key={h} className="check">
            <input type="checkbox" checked={hazards.includes(h)} onChange={() => toggle(h)} />
            {vocab('hazard', h, i18n.language)}
          </label>
        ))}
      </fieldset>
      <label>
        {t('inspect.newGrade')}
        <select name="grade" value={grade} onChange={(e) => setGrade(e.target.value as SafetyGrade | '')}>
          <option value="">{t('inspect.keepGrade')}</option>
          {SAFETY_GRADES.map((g) => (
            <option key={g} value={g}>
              {t(`grade.${g}`)}
            </option>
          ))}
        </select>
      </label>
      {grade && (
        <label>
          {t('inspect.agency')}
          <input name="agency" value={agency} onChange={(e) => setAgency(e.target.value)} />
        </label>
      )}
      <button type="submit" disabled={busy}>
        {busy ? t('inspect.saving') : t('inspect.submit')}
      </button>
      {message && (
        <p className={message.kind === 'ok' ? 'form-ok' : 'form-error'} role="status">
          {t(message.key, { message: message.detail, date: message.date, grade: message.grade })}
        </p>
      )}
    </form>
  );
}
