import { LANGUAGES, en, isLanguage, type Language } from '../i18n';

/** Always bilingual, so an agent who lands in the wrong language can still find it. */
const LABEL = 'Language / 语言';

type Props = { value: Language; onChange: (lang: Language) => void; id?: string };

/** The language select; options are named in their own language. */
export const LanguageSwitch = ({ value, onChange, id = 'language-switch' }: Props) => (
  <span className="language-switch">
    <label htmlFor={id} className="visually-hidden">
      {LABEL}
    </label>
    <select id={id} value={value} onChange={(e) => {
        const v = e.target.value;
        if (isLanguage(v)) onChange(v);
      }}>
      {LANGUAGES.map((l) => (
        <option key={l} value={l}>
          {en.language[l]}
        </option>
      ))}
    </select>
  </span>
);
