import { z } from 'zod';

/**
 * Professional titles (职称) as a catalogue: each with its series and its level (1 初级, 2 中级, 3 副高级, 4 正高级),
 * so the matching engine can compare a demand's minimum level with a person's title across series.
 */
export const TITLE_SERIES = ['health', 'nursing', 'education', 'agriculture', 'engineering'] as const;
export const TitleSeries = z.enum(TITLE_SERIES);
export type TitleSeries = z.infer<typeof TitleSeries>;

export const TITLES = [
  { code: 'chief_physician', zh: '主任医师', en: 'Chief physician', series: 'health', level: 4 },
  { code: 'associate_chief_physician', zh: '副主任医师', en: 'Associate chief physician', series: 'health', level: 3 },
  { code: 'attending_physician', zh: '主治医师', en: 'Attending physician', series: 'health', level: 2 },
  { code: 'resident_physician', zh: '医师', en: 'Physician', series: 'health', level: 1 },
  { code: 'chief_nurse', zh: '主任护师', en: 'Chief nurse', series: 'nursing', level: 4 },
  { code: 'associate_chief_nurse', zh: '副主任护师', en: 'Associate chief nurse', series: 'nursing', level: 3 },
  { code: 'nurse_in_charge', zh: '主管护师', en: 'Nurse in charge', series: 'nursing', level: 2 },
  { code: 'nurse', zh: '护师', en: 'Nurse', series: 'nursing', level: 1 },
  { code: 'professor_teacher', zh: '正高级教师', en: 'Professor-level teacher', series: 'education', level: 4 },
  { code: 'senior_teacher', zh: '高级教师', en: 'Senior teacher', series: 'education', level: 3 },
  { code: 'first_grade_teacher', zh: '一级教师', en: 'First-grade teacher', series: 'education', level: 2 },
  { code: 'second_grade_teacher', zh: '二级教师', en: 'Second-grade teacher', series: 'education', level: 1 },
  { code: 'agronomy_researcher', zh: '农业技术推广研究员', en: 'Agricultural extension researcher', series: 'agriculture', level: 4 },
  { code: 'senior_agronomist', zh: '高级农艺师', en: 'Senior agronomist', series: 'agriculture', level: 3 },
  { code: 'agronomist', zh: '农艺师', en: 'Agronomist', series: 'agriculture', level: 2 },
  { code: 'assistant_agronomist', zh: '助理农艺师', en: 'Assistant agronomist', series: 'agriculture', level: 1 },
  { code: 'professor_engineer', zh: '正高级工程师', en: 'Professor-level engineer', series: 'engineering', level: 4 },
  { code: 'senior_engineer', zh: '高级工程师', en: 'Senior engineer', series: 'engineering', level: 3 },
  { code: 'engineer', zh: '工程师', en: 'Engineer', series: 'engineering', level: 2 },
  { code: 'assistant_engineer', zh: '助理工程师', en: 'Assistant engineer', series: 'engineering', level: 1 },
] as const satisfies readonly { code: string; zh: string; en: string; series: TitleSeries; level: 1 | 2 | 3 | 4 }[];

export type TitleCode = (typeof TITLES)[number]['code'];
export const TitleCode = z.enum(TITLES.map((t) => t.code) as [TitleCode, ...TitleCode[]]);
export const TITLE_LEVELS = [1, 2, 3, 4] as const;
/** The level of a title code (1–4), or null for none. */
export const titleLevel = (code: string | null | undefined): number | null => TITLES.find((t) => t.code === code)?.level ?? null;
