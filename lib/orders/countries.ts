/** Codes ICU names that are not countries (user-assigned or supranational). */
const NOT_COUNTRIES = new Set(["EU", "EZ", "UN", "QO", "ZZ"]);

function buildList(): { code: string; name: string }[] {
  const names = new Intl.DisplayNames(["en"], { type: "region" });
  const out: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code) || (code.startsWith("X") && code !== "XK")) continue;
      const name = names.of(code);
      if (name && name !== code && name !== "Unknown Region") out.push({ code, name });
    }
  }
  return out.sort((x, y) => x.name.localeCompare(y.name));
}

/** ISO 3166-1 alpha-2 countries with English names, from the runtime's ICU data. */
export const COUNTRIES = buildList();

export const COUNTRY_CODES = COUNTRIES.map((c) => c.code).sort() as [string, ...string[]];
