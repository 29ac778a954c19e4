/**
 * A multi-line text box whose label sits in the empty box and moves onto the outline on focus or text
 * (TextField's outlined label), for the note under a table (TablePart, a lazy chunk: FormControl and
 * InputLabel are not part of the editor's first frame).
 */
import FormControl from '@mui/material/FormControl';
import InputLabel from '@mui/material/InputLabel';
import OutlinedInput from '@mui/material/OutlinedInput';
import { useId } from 'react';
import type { TextBoxProps } from './TextPart';

export function FloatingLabelBox({ label, spaceBelow, textSx, ...input }: TextBoxProps) {
  const id = useId();
  return (
    <FormControl fullWidth sx={{ mb: spaceBelow }}>
      <InputLabel id={`${id}-label`} htmlFor={id}>
        {label}
      </InputLabel>
      <OutlinedInput id={id} multiline fullWidth label={label} {...input} sx={textSx} />
    </FormControl>
  );
}
