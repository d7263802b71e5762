/**
 * The import report in the staff view's language. Chinese from the templates below (one per code: the type makes a
 * missing one a compile error); English is the server's own text of the same code and parameters.
 */
import type { ImportCode, MessageParams } from '../../api/import/messages.js'
import type { Lang } from '../i18n/index.js'
import { fieldLabel } from './readable.js'

const ZH: Record<ImportCode, string> = {
  file_empty: '文件是空的',
  file_too_large: '文件超过 1 MB（{limit_bytes} 字节）的上传上限：请拆分文件，或用命令行导入（npm run import）',
  encoding_unsupported: '无法识别文件编码（看起来像 {guess}），请在 Excel 中另存为“CSV UTF-8”',
  nul_character: '第 {line} 行含有空字符（NUL）：这不是文本文件（或是没有字节顺序标记的 UTF-16）',
  csv_unclosed_quote: '第 {line} 行：引号没有闭合',
  csv_text_after_quote: '第 {line} 行：引号后面还有文字（字段中的引号要写成两个 ""）',
  missing_columns: '缺少必需的列：{columns}',
  not_json: '不是 JSON：{detail}',
  not_feature_collection: '需要 GeoJSON 要素集合（FeatureCollection）',
  crs_unsupported: '文件的坐标系 {crs} 无法转换（支持 WGS-84/CRS84、EPSG:3857、CGCS2000）',
  unknown_organisation_option: '没有这个单位：{organisation}',
  unknown_column: '未知的列“{column}”（已忽略）',
  repeated_column: '列“{column}”重复（已忽略）',
  unknown_property: '未知的属性“{property}”（已忽略）',
  crs_converted: '坐标已从文件的坐标系 {crs} 转换为 WGS-84',
  crs_cgcs2000: '文件坐标系为 CGCS2000（{crs}），按 WGS-84 读取（两者相差仅几厘米）',
  field_count: '这一行有 {found} 个字段，而表头有 {expected} 列（某个值里有没加引号的逗号？请给该值加上引号）',
  missing_id: '缺少外部编号（或编号）',
  unknown_category: '未知类别“{value}”',
  missing_category: '缺少类别（请加上类别列，或在上方选择类别）',
  bad_coordinate: '坐标无效：{lng}, {lat}',
  coordinate_out_of_range: '坐标超出范围：{lng}, {lat}',
  coordinate_swapped: '坐标超出范围：{lng}, {lat}（经纬度写反了？）',
  outside_area: '位置不在服务范围内（{bounds}）：{lng}, {lat}',
  unknown_amenity: '未知设施“{value}”',
  hours_no_times: '开放时间无法识别：“{rule}”中没有时间（例：08:00-20:00、休息、24小时）',
  hours_unknown_day: '开放时间无法识别：未知的日期“{day}”',
  hours_bad_interval: '开放时间无法识别：“{text}”不是 时:分-时:分',
  hours_bad_time: '开放时间无法识别：“{text}”不是有效的时间',
  hours_bad_json: '开放时间格式错误：{detail}',
  unknown_area: '未知街道“{value}”',
  unknown_organisation: '未知单位“{value}”',
  unknown_status: '未知状态“{value}”',
  details_not_object: '详情必须是 JSON 对象',
  amenity_status_not_object: '设施状态必须是 JSON 对象',
  unknown_access_method: '未知进入方式“{value}”（直接进入、找工作人员、扫码进入、柜台取钥匙）',
  access_note_without_method: '写了进入说明，但没有写进入方式',
  duplicate_id: '编号重复：与第 {line} 行是同一个场所',
  missing_name: '缺少名称',
  too_long: '超过 {max} 个字符',
  bad_phone: '电话只能包含数字、空格和 + - ( )',
  bad_date: '“{value}”不是 年-月-日 格式的日期',
  invalid_value: '值无效：{detail}',
  unsafe_text: '{field} 含有 NUL 字符或不成对的 UTF-16 代理项（不是文本）',
}

const fill = (template: string, params: MessageParams) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))

/** A notice or row problem in the view's language; `english` is the server's text for the same code. */
export function importText(lang: Lang, problem: { code: ImportCode; params: MessageParams }, english: string): string {
  if (lang === 'en') return english
  // A missing-columns list names columns as "名称/name_zh": readable in both languages as it is.
  return fill(ZH[problem.code], problem.params)
}

export const importFieldLabel = (field: string, lang: Lang) => fieldLabel(field, lang)
