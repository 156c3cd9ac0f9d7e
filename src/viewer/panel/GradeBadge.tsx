/** A building's grade as a large coloured badge (colours from src/core/grades.ts). */
import { useTranslation } from 'react-i18next';
import { type GradeOrUnappraised, gradeInfo } from '../../core/grades.ts';

export function GradeBadge({ grade }: { grade: GradeOrUnappraised }) {
  const { t } = useTranslation();
  const key = grade ?? 'none';
  const info = gradeInfo(grade);
  // Dark text on the light yellow (B) and grey, white on the others: readable from metres away.
  const dark = grade === 'B' || grade === null;
  return (
    <div className="grade-badge" data-grade={key} style={{ background: info.color, color: dark ? '#1f2937' : '#fff' }}>
      <span className="grade-badge-letter">{t(`grade.short.${key}`)}</span>
      <span className="grade-badge-name">{t(`grade.${key}`)}</span>
    </div>
  );
}
