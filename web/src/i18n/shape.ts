/** Same keys, every leaf a string (or a list of strings): the type a translation must satisfy to match its zh-CN original. */
export type Shape<T> = { [K in keyof T]: T[K] extends string ? string : T[K] extends readonly string[] ? string[] : Shape<T[K]> };

/** A tree of translations as i18next takes it. */
export interface Translations {
  [key: string]: string | readonly string[] | Translations;
}
