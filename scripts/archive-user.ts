/**
 * `npm run archive:user -- add <name> <role>`: an admin creates an account (no self
 * sign-up). The password comes from ARCHIVE_USER_PASSWORD or, if unset, the first line
 * of standard input, never from the command line (shell history, `ps`).
 * `npm run archive:user -- list` lists accounts. Database: ARCHIVE_DB or --db.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { archiveDbPath } from '../src/archive/config.ts';
import { MIN_PASSWORD_LENGTH } from '../src/core/password-rules.ts';
import { createAccount } from '../src/archive/service/accounts.ts';
import { ROLES, type Role } from '../src/core/roles.ts';
import { SqliteArchiveStore } from '../src/archive/store/sqlite/sqlite-archive-store.ts';
import { PROJECT_ROOT } from './project-root.ts';

const USAGE = `用法 / usage: npm run archive:user -- add <name> <${ROLES.join('|')}>   (password: ARCHIVE_USER_PASSWORD or stdin)
       npm run archive:user -- list`;

const { positionals, values } = parseArgs({ allowPositionals: true, options: { db: { type: 'string' } } });
const [command, name, role] = positionals;

async function readPassword(): Promise<string> {
  if (process.env.ARCHIVE_USER_PASSWORD) return process.env.ARCHIVE_USER_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('密码 / password: ');
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  return '';
}

const store = new SqliteArchiveStore({ path: values.db ?? archiveDbPath(PROJECT_ROOT) });
try {
  if (command === 'list') {
    for (const u of await store.listUsers()) console.log(`${u.name}\t${u.role}\t${u.createdAt}\t${u.disabled ? 'disabled' : ''}`);
  } else if (command === 'add' && name && role) {
    if (!(ROLES as readonly string[]).includes(role)) {
      console.error(`角色只能是 ${ROLES.join('/')} / role must be one of ${ROLES.join(', ')}`);
      process.exitCode = 2;
    } else {
      const password = await readPassword();
      if (password.length < MIN_PASSWORD_LENGTH) {
        console.error(`密码至少 ${MIN_PASSWORD_LENGTH} 位 / the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
        process.exitCode = 2;
      } else {
        const result = await createAccount(store, name, role as Role, password, { name: 'cli:archive-user', userId: null });
        if (result.ok) console.log(`已创建用户 / created ${name} (${role})`);
        else {
          console.error(`用户 ${name} 已存在 / user ${name} already exists`);
          process.exitCode = 1;
        }
      }
    }
  } else {
    console.error(USAGE);
    process.exitCode = 2;
  }
} finally {
  await store.close();
}
