/** Who may do what. Admin may do everything; the others only their own work. */
import type { Role } from '../../core/roles.ts';

export const ROLE_INFO: Record<Role, { zh: string; en: string }> = {
  viewer: { zh: '查看', en: 'viewer' },
  inspector: { zh: '巡查员', en: 'inspector' },
  planner: { zh: '规划人员', en: 'planner' },
  admin: { zh: '管理员', en: 'admin' },
};

export function roleAllows(role: Role, allowed: readonly Role[]): boolean {
  return role === 'admin' || allowed.includes(role);
}
