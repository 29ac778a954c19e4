/**
 * Fonts and sizes of the exported Word and web pages, per element (typography.md). Each choice is saved
 * at once; fonts are listed with the official one first, then the fallbacks every Windows has.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import {
  cssFontFamily,
  DEFAULT_STYLES,
  FONT_CHOICES,
  sizeChoices,
  sizeLabel,
  TEXT_ROLE_NAMES,
  TEXT_ROLES,
  type TextRole,
  type TypographySettings,
} from '../../shared/document/typography';
import { messageOf } from '../client';
import { useFeedback } from '../common/feedback';
import { saveExportSettings, useExportSettings } from './exportSettings';

const SAMPLE = '政府信息公开 2025';

/** The offered values, with the current one kept when it is not among them (chosen on another version). */
const withCurrent = <T,>(offered: readonly T[], value: T): readonly T[] => (offered.includes(value) ? offered : [...offered, value]);

function fontNote(role: TextRole, font: string): string {
  if (font === DEFAULT_STYLES[role].font) return '（规定字体）';
  return /_GB2312|方正/.test(font) ? '' : '（系统自带）';
}

export function ExportSection() {
  const settings = useExportSettings();
  const { notify } = useFeedback();
  const [saving, setSaving] = useState(false);

  const save = async (next: TypographySettings, message: string) => {
    setSaving(true);
    try {
      await saveExportSettings(next);
      notify(message);
    } catch (e) {
      notify(messageOf(e), 'error');
    } finally {
      setSaving(false);
    }
  };
  const setFont = (role: TextRole, font: string) =>
    void save({ ...settings, fonts: { ...settings.fonts, [role]: font } }, `已保存：${TEXT_ROLE_NAMES[role]}字体改为${font}`);
  const setSize = (role: TextRole, pt: number) =>
    void save({ ...settings, sizes: { ...settings.sizes, [role]: pt } }, `已保存：${TEXT_ROLE_NAMES[role]}字号改为${sizeLabel(pt)}`);
  const isDefault = TEXT_ROLES.every((r) => settings.fonts[r] === DEFAULT_STYLES[r].font && settings.sizes[r] === DEFAULT_STYLES[r].sizePt);

  return (
    <Box data-testid="settings-export">
      <Typography color="text.secondary" sx={{ mb: 1.5 }}>
        导出的 Word 文档和网页使用这里的字体和字号，编辑页的预览也随之改变。默认值依照 GB/T 9704《党政机关公文格式》。
      </Typography>
      <Alert severity="info" sx={{ mb: 2 }}>
        如果打开 Word 文档的电脑没有安装仿宋_GB2312、楷体_GB2312 或方正小标宋简体，可改用 Windows 自带的仿宋、楷体、黑体、宋体。字体只写入名称，不嵌入文档。
      </Alert>
      <Table size="small" sx={{ '& td, & th': { py: 0.75 } }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 170 }}>元素</TableCell>
            <TableCell sx={{ width: 240 }}>字体</TableCell>
            <TableCell sx={{ width: 180 }}>字号</TableCell>
            <TableCell>效果</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {TEXT_ROLES.map((role) => {
            const font = settings.fonts[role];
            const size = settings.sizes[role];
            return (
              <TableRow key={role} data-testid={`settings-role-${role}`}>
                <TableCell>{TEXT_ROLE_NAMES[role]}</TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    fullWidth
                    value={font}
                    disabled={saving}
                    onChange={(e) => setFont(role, e.target.value)}
                    slotProps={{ htmlInput: { 'aria-label': `${TEXT_ROLE_NAMES[role]}字体` } }}
                  >
                    {withCurrent(FONT_CHOICES[role], font).map((f) => (
                      <MenuItem key={f} value={f} sx={{ fontFamily: cssFontFamily(f) }}>
                        {f}
                        <Typography component="span" variant="caption" color="text.secondary" sx={{ ml: 0.5 }}>
                          {fontNote(role, f)}
                        </Typography>
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
                <TableCell>
                  <TextField
                    select
                    size="small"
                    fullWidth
                    value={size}
                    disabled={saving}
                    onChange={(e) => setSize(role, Number(e.target.value))}
                    slotProps={{ htmlInput: { 'aria-label': `${TEXT_ROLE_NAMES[role]}字号` } }}
                  >
                    {withCurrent(
                      sizeChoices(role).map((s) => s.pt),
                      size,
                    ).map((pt) => (
                      <MenuItem key={pt} value={pt}>
                        {sizeLabel(pt)}
                      </MenuItem>
                    ))}
                  </TextField>
                </TableCell>
                <TableCell
                  sx={{ fontFamily: cssFontFamily(font), fontSize: `${size}pt`, whiteSpace: 'nowrap', overflow: 'hidden', maxWidth: 0 }}
                  data-testid={`settings-sample-${role}`}
                >
                  {SAMPLE}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Stack direction="row" spacing={2} sx={{ mt: 2, alignItems: 'center' }}>
        <Button variant="outlined" disabled={saving || isDefault} onClick={() => void save({}, '已恢复默认字体和字号')}>
          恢复默认
        </Button>
        <Typography variant="body2" color="text.secondary">
          设置保存在本机数据库中，对所有报告生效；交换文件（.json）不受影响。
        </Typography>
      </Stack>
    </Box>
  );
}
