/** How the bytes of an import file were read (decode.ts); its own file so the schemas need no decoder. */
export const TEXT_ENCODINGS = ['utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030'] as const
export type TextEncoding = (typeof TEXT_ENCODINGS)[number]
