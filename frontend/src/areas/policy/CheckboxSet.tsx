import { Checkbox, Stack, Text } from '@mantine/core';
import { toggled } from './toggled';

interface CheckboxSetProps<T extends string> {
  /** The group's accessible name: what is being picked, and for what. */
  label: string;
  options: readonly { value: T; label: string }[];
  value: readonly T[];
  onChange: (value: T[]) => void;
  error?: string;
}

/** A few values of a vocabulary to pick any of, one checkbox each. */
export function CheckboxSet<T extends string>({ label, options, value, onChange, error }: CheckboxSetProps<T>) {
  const all = options.map((option) => option.value);
  return (
    <Stack gap={4} role="group" aria-label={label}>
      {options.map((option) => (
        <Checkbox
          key={option.value}
          size="xs"
          label={option.label}
          checked={value.includes(option.value)}
          onChange={(event) => onChange(toggled(all, value, option.value, event.currentTarget.checked))}
        />
      ))}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}
