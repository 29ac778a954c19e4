/**
 * Parts 一、五、六 (and the note under a table): a plain multi-line editor; each line is a paragraph of
 * the .docx. The scaffold button adds the part's level-2 headings; guidance says what belongs here.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Collapse from '@mui/material/Collapse';
import OutlinedInput, { type OutlinedInputProps } from '@mui/material/OutlinedInput';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useId, useState, type ComponentType } from 'react';
import { REPETITION_THRESHOLD } from '../../shared/checks/index';
import type { Theme } from '@mui/material/styles';
import type { SectionDef } from '../../shared/format/index';
import type { Finding } from '../../shared/findings';
import { charCount, withScaffold } from './text';

export function Guidance({ text }: { text: string }) {
  const [open, setOpen] = useState(true);
  return (
    <Box sx={{ mb: 2 }}>
      <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open} sx={{ px: 0 }}>
        {open ? '▾' : '▸'} 本部分应写什么
      </Button>
      <Collapse in={open}>
        <Alert severity="info" icon={false} sx={{ py: 0.5 }}>
          {text}
        </Alert>
      </Collapse>
    </Box>
  );
}

export type TextBoxProps = Omit<OutlinedInputProps, 'label' | 'sx'> & {
  label?: string;
  /** Space under the box, in theme units. */
  spaceBelow?: number;
  /** The text's size and spacing. */
  textSx?: { fontSize: number; lineHeight: number };
};

/**
 * A multi-line text box as MUI's TextField (outlined) draws it, built from its parts: TextField also brings
 * the filled and standard inputs, the select and its menu (some 40 KB), which the editor's first frame
 * does not need. A label stays on the outline (TextField's shrunk label: same place, size, colour and
 * focus colour, drawn here without FormControl and InputLabel, 7 KB more). A label that moves into the box
 * when it is empty is FloatingLabelBox (./FloatingLabelBox), for the table notes in their lazy chunk.
 */
export function TextBox({ label, spaceBelow, textSx, ...input }: TextBoxProps) {
  const id = useId();
  if (!label) return <OutlinedInput multiline fullWidth {...input} sx={{ mb: spaceBelow, ...textSx }} />;
  return (
    <Box sx={{ position: 'relative', display: 'flex', flexDirection: 'column', minWidth: 0, mb: spaceBelow, '&:focus-within > label': { color: 'primary.main' } }}>
      <Box component="label" id={`${id}-label`} htmlFor={id} sx={SHRUNK_LABEL}>
        {label}
      </Box>
      <OutlinedInput id={id} multiline fullWidth label={label} notched {...input} sx={textSx} />
    </Box>
  );
}

/** InputLabel's outlined, shrunk look (MUI's InputLabel and FormLabel styles). */
const SHRUNK_LABEL = {
  typography: 'body1',
  lineHeight: '1.4375em',
  color: 'text.secondary',
  p: 0,
  display: 'block',
  position: 'absolute',
  left: 0,
  top: 0,
  zIndex: 1,
  transformOrigin: 'top left',
  transform: 'translate(14px, -9px) scale(0.75)',
  maxWidth: 'calc(133% - 32px)',
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
  userSelect: 'none',
  transition: (t: Theme) =>
    t.transitions.create(['color', 'transform', 'max-width'], { duration: t.transitions.duration.shorter, easing: t.transitions.easing.easeOut }),
} as const;

export interface TextPartProps {
  section: SectionDef;
  text: string;
  onChange(text: string): void;
  /** Findings about this part's text (text.repetition, text.numbers …). */
  findings: Finding[];
  minRows?: number;
  label?: string;
  /** Share of this text repeated from last year's report (0–1), when last year's is known. */
  repeated?: number | null;
  /** The text box (TextBox unless given). */
  box?: ComponentType<TextBoxProps>;
}

export function NarrativeField({ section, text, onChange, findings, minRows = 14, label, repeated, box: Field = TextBox }: TextPartProps) {
  const repetition = findings.find((f) => f.rule === 'text.repetition');
  const share = repeated == null ? null : Math.round(repeated * 100);
  return (
    <Box>
      <Field
        minRows={minRows}
        label={label}
        value={text}
        onChange={(e) => onChange(e.target.value)}
        placeholder={section.scaffold ? '点击“插入提纲”加入本部分的二级标题，再在每个标题下填写内容' : '在此填写'}
        inputProps={{ 'data-testid': `narrative-${section.id}`, spellCheck: false }}
        textSx={{ fontSize: 15, lineHeight: 1.8 }}
      />
      <Stack direction="row" spacing={2} sx={{ mt: 0.5, color: 'text.secondary', fontSize: 13 }}>
        <span data-testid={`chars-${section.id}`}>{charCount(text)} 字</span>
        {share !== null && (
          <span data-testid={`repeated-${section.id}`} style={{ color: share >= REPETITION_THRESHOLD * 100 ? '#b26a00' : undefined }}>
            与上年报告重复 {share}%
          </span>
        )}
        {repetition && <span style={{ color: '#b26a00' }}>{repetition.message}</span>}
      </Stack>
    </Box>
  );
}

export function TextPart(props: TextPartProps & { preamble?: { text: string; onChange(text: string): void; fallback: string } }) {
  const { section, text, onChange, preamble } = props;
  return (
    <Box>
      <Stack direction="row" sx={{ mb: 1, alignItems: 'center' }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
          {section.heading}
        </Typography>
        {section.scaffold && (
          <Button variant="outlined" size="small" onClick={() => onChange(withScaffold(text, section.scaffold!))} disabled={withScaffold(text, section.scaffold) === text}>
            插入提纲
          </Button>
        )}
      </Stack>
      <Guidance text={section.guidance} />
      {preamble && (
        <TextBox
          minRows={2}
          label="开头段落（报告正文前的引言；不填时导出框中灰色的默认引言）"
          placeholder={preamble.fallback}
          value={preamble.text}
          onChange={(e) => preamble.onChange(e.target.value)}
          spaceBelow={2}
          // The label stays above the box so the default preamble (the placeholder) is seen before a click.
          inputProps={{ 'data-testid': 'narrative-preamble' }}
        />
      )}
      <NarrativeField {...props} />
    </Box>
  );
}
