// A labelled native <select> of an API enum's values for a filter bar, with an "all" option first (value ''):
// the label text is the select's accessible name; codes never reach the screen (each option is the enum's label).
import { enumLabel, useI18n } from '../i18n';

export function EnumSelect<T extends string>({
  label,
  enumName,
  values,
  value,
  allLabel,
  onChange,
}: {
  label: string;
  enumName: string;
  values: readonly T[];
  value: T | undefined;
  allLabel: string;
  onChange: (value: T | undefined) => void;
}) {
  const { t } = useI18n();
  return (
    <label>
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange((e.target.value || undefined) as T | undefined)}>
        <option value="">{allLabel}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {enumLabel(t, enumName, v)}
          </option>
        ))}
      </select>
    </label>
  );
}
