import { Select } from 'antd';
import type { TypeOptionGroup } from './rulesModel';

interface TypePickerProps {
  id?: string;
  value?: number[];
  onChange?: (next: number[]) => void;
  options: TypeOptionGroup[];
  isLoading: boolean;
  disabled?: boolean;
  placeholder: string;
  ariaLabel: string;
}

/** Record types of the catalog (Appendix A), chosen by typing part of a name or number; removed with ×. */
export function TypePicker({ id, value, onChange, options, isLoading, disabled, placeholder, ariaLabel }: TypePickerProps) {
  return (
    <Select<number[]>
      id={id}
      mode="multiple"
      aria-label={ariaLabel}
      value={value}
      onChange={onChange}
      options={options}
      loading={isLoading}
      disabled={disabled}
      placeholder={placeholder}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      style={{ width: '100%' }}
    />
  );
}
