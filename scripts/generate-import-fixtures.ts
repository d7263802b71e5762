/**
 * Writes the import fixtures of tests/data/import-files.test.ts: the same two stations as Excel and other tools
 * save them (UTF-8 with BOM, GBK, UTF-16 LE, CR-only lines), plus a file with an unquoted comma in the hours.
 * Run: npx tsx scripts/generate-import-fixtures.ts (the files are committed; this documents how they were made).
 */
import iconv from 'iconv-lite'
import { writeFileSync } from 'node:fs'

const DIR = 'tests/data/fixtures/import'
const HEADER = '外部编号,名称,类别,经度,纬度,地址,设施,开放时间,所属单位'
const rows = (prefix: string) => [
  `${prefix}-1,江北区人民路爱心驿站,爱心驿站,121.5531,29.8891,宁波市江北区人民路1号,饮水;充电;热饭,"周一至周五 08:00-12:00,14:00-18:00；周六、周日 09:00-17:00",外滩街道总工会`,
  `${prefix}-2,"甬江街道""暖心""驿站",爱心驿站,121.5612,29.8934,宁波市江北区中马路88号,饮水;卫生间,每天 24小时,`,
]
const csv = (prefix: string, eol: string) => [HEADER, ...rows(prefix)].join(eol) + eol

writeFileSync(`${DIR}/utf8-bom.csv`, `\ufeff${csv('FX-BOM', '\r\n')}`)
writeFileSync(`${DIR}/gbk-chinese-headers.csv`, iconv.encode(csv('FX-GBK', '\r\n'), 'gbk'))
writeFileSync(`${DIR}/utf16le.csv`, iconv.encode(`\ufeff${csv('FX-U16', '\r\n')}`, 'utf-16le'))
writeFileSync(`${DIR}/cr-only.csv`, csv('FX-CR', '\r'))
// The hours cell of the first row is not quoted: its comma makes the row one field longer than the header.
writeFileSync(
  `${DIR}/unquoted-comma.csv`,
  `\ufeff${[HEADER, rows('FX-COMMA')[0]!.replace(/"([^"]*08:00[^"]*)"/, '$1'), rows('FX-COMMA')[1]].join('\r\n')}\r\n`,
)
