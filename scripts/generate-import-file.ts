/**
 * Writes a synthetic import file for the import benchmark: `tsx scripts/generate-import-file.ts 100000 /tmp/places.csv`.
 * Chinese headers, BOM, points spread over the Jiangbei box, amenities and hours in readable text. Not real places.
 */
import { writeFileSync } from 'node:fs'
import { csvLine, UTF8_BOM } from '../api/import/csv.js'

const count = Number(process.argv[2] ?? 100_000)
const out = process.argv[3] ?? '/tmp/waystation-import-bench.csv'
const AMENITY_SETS = [
  '饮水;充电;热饭',
  '休息座椅;饮用水;急救药箱;WiFi',
  'toilet;drinking_water',
  '空调/取暖;爱心雨伞;无障碍通道',
  '',
]
const HOURS = [
  '周一至周五 08:00-20:00；周六、周日 09:00-17:00',
  'Mo-Su 07:00-23:00',
  '每天 24小时',
  'Mo-Fr 08:30-11:30,13:30-17:00',
  '',
]

// A fixed linear congruential sequence: the same file every run.
let seed = 42
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31

const parts = [UTF8_BOM, csvLine(['外部编号', '名称', '类别', '经度', '纬度', '地址', '设施', '开放时间', '电话'])]
for (let i = 0; i < count; i++) {
  parts.push(
    csvLine([
      `BENCH-${String(i).padStart(6, '0')}`,
      `基准测试驿站 ${i}`,
      '爱心驿站',
      (121.4 + random() * 0.24).toFixed(6),
      (29.87 + random() * 0.17).toFixed(6),
      `宁波市江北区测试路${i % 997}号`,
      AMENITY_SETS[i % AMENITY_SETS.length],
      HOURS[i % HOURS.length],
      `0574-${String(87_000_000 + i).slice(0, 8)}`,
    ]),
  )
}
writeFileSync(out, parts.join(''))
console.log(`${count} rows → ${out}`)
