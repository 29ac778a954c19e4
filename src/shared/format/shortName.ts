import { getFormat, type FormatId } from './index';

/** "2021年格式" for GOV-2021: the year of the notice that mandates it (the id is not for users). */
export function formatShortName(format: FormatId): string {
  const year = /〔(\d{4})〕/.exec(getFormat(format).notice)?.[1];
  return year ? `${year}年格式` : getFormat(format).notice;
}
