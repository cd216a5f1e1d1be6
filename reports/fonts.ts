import path from "node:path";

// DejaVu (from the dejavu-fonts-ttf package the install brings; nothing is fetched at run time):
// full Vietnamese coverage, and pdftotext extracts its text exactly (TOOLCHAIN: Vietnamese in PDFs).
const dir = path.dirname(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSerif.ttf"));

export const FONTS = {
  serif: path.join(dir, "DejaVuSerif.ttf"),
  serifBold: path.join(dir, "DejaVuSerif-Bold.ttf"),
  serifItalic: path.join(dir, "DejaVuSerif-Italic.ttf"),
  cond: path.join(dir, "DejaVuSerifCondensed.ttf"),
  condBold: path.join(dir, "DejaVuSerifCondensed-Bold.ttf"),
  mono: path.join(dir, "DejaVuSansMono.ttf"),
} as const;
export type FontName = keyof typeof FONTS;
