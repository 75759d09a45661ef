/**
 * The language of the checkout: a native `<select>` in the header, each language named in itself
 * (with its `lang`, so a screen reader says it in that language).
 */
import { chooseLanguage, isLanguageCode, LANGUAGES, useLanguage } from "./language.ts";
import { useShopWords } from "./shop-words.ts";

export function LanguageSwitch() {
  const { requested, code } = useLanguage();
  const words = useShopWords();
  return (
    <label className="language-switch" data-slot="language-switch">
      <span>{words.language}</span>
      <select
        name="language"
        value={requested}
        aria-busy={requested !== code ? true : undefined}
        onChange={(event) => {
          const next = event.currentTarget.value;
          if (isLanguageCode(next)) void chooseLanguage(next);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language.code} value={language.code} lang={language.code}>
            {language.name}
          </option>
        ))}
      </select>
    </label>
  );
}
