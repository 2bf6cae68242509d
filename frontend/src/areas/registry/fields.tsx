import { Select, type SelectProps } from '@mantine/core';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';

interface SelectFieldProps<T extends FieldValues, TOut extends FieldValues> extends Omit<SelectProps, 'value' | 'onChange' | 'onBlur' | 'name'> {
  control: Control<T, unknown, TOut>;
  name: Path<T>;
}

/** A Mantine select bound to one field of a form; the field holds the option's value, or null. */
export function SelectField<T extends FieldValues, TOut extends FieldValues>({ control, name, ...props }: SelectFieldProps<T, TOut>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          {...props}
          value={field.value ?? null}
          onChange={field.onChange}
          onBlur={field.onBlur}
          ref={field.ref}
        />
      )}
    />
  );
}
