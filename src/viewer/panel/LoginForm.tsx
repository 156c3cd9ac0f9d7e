/** Inspector login inside the panel (POST /api/session sets the httpOnly session cookie). */
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { logIn, type SessionUser } from '../api/archive-client.ts';

export function LoginForm({ onLoggedIn }: { onLoggedIn(user: SessionUser): void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    logIn(name, password)
      .then(onLoggedIn)
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="login-form" onSubmit={submit}>
      <h4>{t('inspect.login')}</h4>
      <label>
        {t('inspect.name')}
        <input name="name" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
      </label>
      <label>
        {t('inspect.password')}
        <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
      </label>
      <button type="submit" disabled={busy}>
        {t('inspect.logIn')}
      </button>
      {error && (
        <p className="form-error" role="alert">
          {t('inspect.loginFailed', { message: error })}
        </p>
      )}
    </form>
  );
}
