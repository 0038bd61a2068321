/**
 * The official typefaces of GB/T 9704 are rarely installed. Each role names them first and falls back
 * to what Windows ships (仿宋/黑体/楷体/宋体) and then to the CJK fonts of Linux; the preview says which
 * face actually prints, found from the installed font families.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type FontRole = 'title' | 'body' | 'hei' | 'kai' | 'song';

export const FONT_STACKS: Record<FontRole, { official: string; families: string[]; generic: string }> = {
  title: {
    official: '方正小标宋简体',
    families: [
      '方正小标宋简体',
      '方正小标宋_GBK',
      'FZXiaoBiaoSong-B05S',
      'FZXiaoBiaoSong-B05',
      '华文中宋',
      'STZhongsong',
      '宋体',
      'SimSun',
      'Noto Serif CJK SC',
      'Source Han Serif SC',
      'WenQuanYi Zen Hei',
    ],
    generic: 'serif',
  },
  body: {
    official: '仿宋_GB2312',
    families: [
      '仿宋_GB2312',
      'FangSong_GB2312',
      '仿宋',
      'FangSong',
      'STFangsong',
      'Noto Serif CJK SC',
      'Source Han Serif SC',
      'WenQuanYi Zen Hei',
    ],
    generic: 'serif',
  },
  hei: {
    official: '黑体',
    families: ['黑体', 'SimHei', 'STHeiti', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Zen Hei'],
    generic: 'sans-serif',
  },
  kai: {
    official: '楷体_GB2312',
    families: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', 'STKaiti', 'Noto Serif CJK SC', 'WenQuanYi Zen Hei'],
    generic: 'serif',
  },
  song: {
    official: '宋体',
    families: ['宋体', 'SimSun', 'NSimSun', 'Noto Serif CJK SC', 'Source Han Serif SC', 'WenQuanYi Zen Hei'],
    generic: 'serif',
  },
};

const ROLE_CN: Record<FontRole, string> = {
  title: '标题',
  body: '正文',
  hei: '一级标题',
  kai: '二级标题',
  song: '表格',
};

export function fontStack(role: FontRole): string {
  const s = FONT_STACKS[role];
  return [...s.families.map((f) => `"${f}"`), s.generic].join(',');
}

// Windows font files → the family names they provide (GB/T 9704 faces and the system CJK faces).
const WINDOWS_FILES: Record<string, string[]> = {
  'simfang.ttf': ['仿宋', 'FangSong'],
  'simhei.ttf': ['黑体', 'SimHei'],
  'simkai.ttf': ['楷体', 'KaiTi'],
  'simsun.ttc': ['宋体', 'SimSun', 'NSimSun'],
  'fzxbsjw.ttf': ['方正小标宋简体'],
  'fzxbsk.ttf': ['方正小标宋_GBK'],
  'stzhongs.ttf': ['华文中宋', 'STZhongsong'],
  'stfangso.ttf': ['STFangsong'],
  'stkaiti.ttf': ['STKaiti'],
  '仿宋_gb2312.ttf': ['仿宋_GB2312', 'FangSong_GB2312'],
  'fangsong_gb2312.ttf': ['仿宋_GB2312', 'FangSong_GB2312'],
  '楷体_gb2312.ttf': ['楷体_GB2312', 'KaiTi_GB2312'],
  'kaiti_gb2312.ttf': ['楷体_GB2312', 'KaiTi_GB2312'],
};

let cache: Set<string> | null | undefined;

/** Installed font families, or null when they cannot be listed. */
export function installedFamilies(): Set<string> | null {
  if (cache !== undefined) return cache;
  try {
    if (process.platform === 'win32') {
      const dirs = [
        join(process.env.WINDIR ?? 'C:\\Windows', 'Fonts'),
        join(process.env.LOCALAPPDATA ?? '', 'Microsoft', 'Windows', 'Fonts'),
      ];
      const found = new Set<string>();
      for (const d of dirs) {
        if (!existsSync(d)) continue;
        for (const f of readdirSync(d)) for (const fam of WINDOWS_FILES[f.toLowerCase()] ?? []) found.add(fam);
      }
      cache = found;
    } else {
      const out = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8', timeout: 5000 });
      cache = new Set(
        out
          .split(/[\n,]/)
          .map((s) => s.trim())
          .filter(Boolean),
      );
    }
  } catch {
    cache = null;
  }
  return cache;
}

/** The face that prints for a role: the first installed family of its stack. */
export function resolvedFace(role: FontRole, families = installedFamilies()): string | null {
  if (!families) return null;
  return FONT_STACKS[role].families.find((f) => families.has(f)) ?? null;
}

/**
 * Chinese names of the fonts that have one, so the note reads 思源宋体 rather than the family's English name;
 * a family without a Chinese name is described by its kind.
 */
const FACE_CN: Record<string, string> = {
  'Noto Serif CJK SC': '思源宋体',
  'Source Han Serif SC': '思源宋体',
  'Noto Sans CJK SC': '思源黑体',
  'Source Han Sans SC': '思源黑体',
  'WenQuanYi Zen Hei': '文泉驿正黑',
  SimSun: '宋体',
  NSimSun: '新宋体',
  SimHei: '黑体',
  STHeiti: '华文黑体',
  STZhongsong: '华文中宋',
  STFangsong: '华文仿宋',
  STKaiti: '华文楷体',
  FangSong: '仿宋',
  FangSong_GB2312: '仿宋_GB2312',
  KaiTi: '楷体',
  KaiTi_GB2312: '楷体_GB2312',
  'FZXiaoBiaoSong-B05S': '方正小标宋简体',
  'FZXiaoBiaoSong-B05': '方正小标宋',
};
const faceCn = (face: string): string => FACE_CN[face] ?? (/[A-Za-z]{2,}/.test(face) ? '本机其他中文字体' : face);

/** "标题：方正小标宋简体未安装，使用思源宋体；正文：…" for the roles a document uses. */
export function fontsNote(roles: FontRole[], families = installedFamilies()): string {
  if (!families)
    return `字体：依次使用 ${roles.map((r) => FONT_STACKS[r].official).join('、')}；本机字体列表无法读取，缺少时由系统替代。`;
  const parts = roles.map((r) => {
    const want = FONT_STACKS[r].official;
    const got = resolvedFace(r, families);
    if (got === want) return `${ROLE_CN[r]}：${want}`;
    return `${ROLE_CN[r]}：${want}未安装，使用${got ? faceCn(got) : '系统默认中文字体'}`;
  });
  return `${parts.join('；')}。`;
}
