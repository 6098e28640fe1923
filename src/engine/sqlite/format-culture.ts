/**
 * Cultures for FORMAT: en-US as the .NET Framework formats it (SQL Server's FORMAT runs on the CLR), other
 * cultures from ICU (Intl): separators, month and day names, and a currency from a short table.
 */
import { MONTHS, WEEKDAYS } from './date-values.ts';
import { SqlServerFunctionError } from './function-error.ts';

/** What FORMAT reads of a culture. */
export interface Culture {
  /** The BCP 47 name as given ('en-US'), for Intl. */
  readonly name: string;
  readonly decimal: string;
  readonly group: string;
  readonly months: readonly string[];
  readonly weekdays: readonly string[];
  /** en-US, formatted here with .NET Framework's patterns rather than ICU's. */
  readonly us: boolean;
  readonly english: boolean;
  /** ISO 4217 code for 'C', when the short table knows the culture's currency. */
  readonly currency?: string;
}

const EN_US: Culture = { name: 'en-US', decimal: '.', group: ',', months: MONTHS, weekdays: WEEKDAYS, us: true, english: true, currency: 'USD' };

const CURRENCIES: Readonly<Record<string, string>> = {
  'en-gb': 'GBP', 'en-ca': 'CAD', 'en-au': 'AUD', 'en-nz': 'NZD', 'en-ie': 'EUR', 'en-in': 'INR', 'en-za': 'ZAR',
  'de-de': 'EUR', 'de-at': 'EUR', 'de-ch': 'CHF', 'fr-fr': 'EUR', 'fr-ca': 'CAD', 'fr-ch': 'CHF', 'es-es': 'EUR', 'es-mx': 'MXN',
  'it-it': 'EUR', 'nl-nl': 'EUR', 'pt-br': 'BRL', 'pt-pt': 'EUR', 'sv-se': 'SEK', 'da-dk': 'DKK', 'nb-no': 'NOK', 'fi-fi': 'EUR',
  'pl-pl': 'PLN', 'ja-jp': 'JPY', 'zh-cn': 'CNY',
};

const cultures = new Map<string, Culture>([['en-us', EN_US]]);

/** The culture FORMAT's third argument names (en-US when absent), or SQL Server's error for an unknown one. */
export function culture(name: string | undefined): Culture {
  const key = (name ?? 'en-US').toLowerCase();
  const hit = cultures.get(key);
  if (hit !== undefined) return hit;
  let supported = false;
  try {
    supported = Intl.NumberFormat.supportedLocalesOf([name!]).length > 0;
  } catch {
    supported = false;
  }
  if (!supported) throw new SqlServerFunctionError(9818, `The culture parameter '${name}' provided in the function call is not supported.`);
  const parts = new Intl.NumberFormat(name, { useGrouping: true }).formatToParts(12345.6);
  const month = new Intl.DateTimeFormat(name, { month: 'long', timeZone: 'UTC' });
  const weekday = new Intl.DateTimeFormat(name, { weekday: 'long', timeZone: 'UTC' });
  const code = CURRENCIES[key];
  const c: Culture = {
    name: name!,
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    months: MONTHS.map((_, i) => month.format(Date.UTC(2024, i, 1))),
    weekdays: WEEKDAYS.map((_, i) => weekday.format(Date.UTC(2024, 8, 1 + i))),
    us: false,
    english: key.startsWith('en-'),
    ...(code === undefined ? {} : { currency: code }),
  };
  cultures.set(key, c);
  return c;
}
