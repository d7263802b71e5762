/**
 * Writes sql/seed/jiangbei-sample.json: an ILLUSTRATIVE sample of Jiangbei District services, for trying the app.
 * Street (街道) names and the named training bases are real; positions, phone numbers, hours and most names are
 * made up. Deterministic (seeded PRNG), so re-running it gives the same file.
 *   npx tsx scripts/generate-sample.ts
 */
import { writeFileSync } from 'node:fs'

const SOURCE = '示例数据，非官方名单 / Illustrative sample data, not an official list'
let seed = 20261125
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!
const chance = (p: number) => rand() < p
const round6 = (x: number) => Math.round(x * 1e6) / 1e6

interface Area {
  code: string
  zh: string
  en: string
  at: readonly [number, number]
  r: number
  roads: ReadonlyArray<readonly [string, string]>
}
const AREAS: readonly Area[] = [
  {
    code: 'waitan',
    zh: '外滩街道',
    en: 'Waitan Subdistrict',
    at: [121.556, 29.884],
    r: 0.008,
    roads: [
      ['人民路', 'Renmin Rd'],
      ['中马路', 'Zhongma Rd'],
      ['扬善路', 'Yangshan Rd'],
      ['大庆南路', 'Daqing S Rd'],
      ['白沙路', 'Baisha Rd'],
      ['桃渡路', 'Taodu Rd'],
    ],
  },
  {
    code: 'kongpu',
    zh: '孔浦街道',
    en: 'Kongpu Subdistrict',
    at: [121.578, 29.905],
    r: 0.01,
    roads: [
      ['北环东路', 'Beihuan E Rd'],
      ['康庄南路', 'Kangzhuang S Rd'],
      ['大闸南路', 'Dazha S Rd'],
      ['环城北路', 'Huancheng N Rd'],
      ['怡西街', 'Yixi St'],
    ],
  },
  {
    code: 'wenjiao',
    zh: '文教街道',
    en: 'Wenjiao Subdistrict',
    at: [121.544, 29.897],
    r: 0.008,
    roads: [
      ['大庆北路', 'Daqing N Rd'],
      ['育才路', 'Yucai Rd'],
      ['洪兴路', 'Hongxing Rd'],
      ['新马路', 'Xinma Rd'],
      ['湖西路', 'Huxi Rd'],
    ],
  },
  {
    code: 'yongjiang',
    zh: '甬江街道',
    en: 'Yongjiang Subdistrict',
    at: [121.6, 29.892],
    r: 0.012,
    roads: [
      ['宁镇路', 'Ningzhen Rd'],
      ['长兴路', 'Changxing Rd'],
      ['广元路', 'Guangyuan Rd'],
      ['云飞路', 'Yunfei Rd'],
      ['倪家堰路', 'Nijiayan Rd'],
    ],
  },
  {
    code: 'zhuangqiao',
    zh: '庄桥街道',
    en: 'Zhuangqiao Subdistrict',
    at: [121.546, 29.937],
    r: 0.013,
    roads: [
      ['北环西路', 'Beihuan W Rd'],
      ['庄桥中街', 'Zhuangqiao Middle St'],
      ['机场路', 'Jichang Rd'],
      ['宁慈东路', 'Ningci E Rd'],
      ['天合路', 'Tianhe Rd'],
    ],
  },
  {
    code: 'hongtang',
    zh: '洪塘街道',
    en: 'Hongtang Subdistrict',
    at: [121.503, 29.923],
    r: 0.013,
    roads: [
      ['洪塘中路', 'Hongtang Middle Rd'],
      ['洪塘北路', 'Hongtang N Rd'],
      ['姚江大道', 'Yaojiang Ave'],
      ['裘市路', 'Qiushi Rd'],
      ['洪都路', 'Hongdu Rd'],
    ],
  },
  {
    code: 'qianjiang',
    zh: '前江街道',
    en: 'Qianjiang Subdistrict',
    at: [121.612, 29.928],
    r: 0.012,
    roads: [
      ['前江路', 'Qianjiang Rd'],
      ['金山路', 'Jinshan Rd'],
      ['畅阳路', 'Changyang Rd'],
      ['江北大道', 'Jiangbei Ave'],
      ['银海路', 'Yinhai Rd'],
    ],
  },
  {
    code: 'cicheng',
    zh: '慈城镇',
    en: 'Cicheng Town',
    at: [121.448, 29.979],
    r: 0.014,
    roads: [
      ['解放路', 'Jiefang Rd'],
      ['民族路', 'Minzu Rd'],
      ['慈湖路', 'Cihu Rd'],
      ['宁慈西路', 'Ningci W Rd'],
      ['骢马路', 'Congma Rd'],
    ],
  },
] as const

const ORGANISATIONS = [
  { id: 'jiangbei-union', name_zh: '江北区总工会', name_en: 'Jiangbei District Federation of Trade Unions' },
  { id: 'china-mobile-jiangbei', name_zh: '中国移动宁波江北分公司', name_en: 'China Mobile Jiangbei' },
  { id: 'china-telecom-jiangbei', name_zh: '中国电信宁波江北分公司', name_en: 'China Telecom Jiangbei' },
  { id: 'jiangbei-health', name_zh: '江北区卫生健康局', name_en: 'Jiangbei District Health Bureau' },
  {
    id: 'jiangbei-hrss',
    name_zh: '江北区人力资源和社会保障局',
    name_en: 'Jiangbei District Human Resources and Social Security Bureau',
  },
  ...AREAS.map((a) => ({ id: `${a.code}-union`, name_zh: `${a.zh}总工会`, name_en: `${a.en} Trade Union` })),
]

type Interval = [string, string]
const week = (days: Partial<Record<'mo' | 'tu' | 'we' | 'th' | 'fr' | 'sa' | 'su', Interval[]>>) => days
const everyDay = (...intervals: Interval[]) =>
  week({ mo: intervals, tu: intervals, we: intervals, th: intervals, fr: intervals, sa: intervals, su: intervals })
const NEW_YEAR: { date: string; intervals: Interval[]; note_zh: string; note_en: string } = {
  date: '2027-01-01',
  intervals: [],
  note_zh: '元旦休息',
  note_en: "Closed for New Year's Day",
}

/**
 * A station's names in both languages from its road: `at` is the road (人民路 / Renmin Rd), or the road and house
 * number (人民路12号 / 12 Renmin Rd) when the plain name is taken. The English name keeps the brand or operator, in
 * its own English where it has one and in pinyin where not, so two different shops never share a name.
 */
type StationNames = (at: { zh: string; en: string }) => { zh: string; en: string }
const SHOP_BRANDS = [
  ['好德', 'Alldays'],
  ['美宜佳', 'Meiyijia'],
  ['十足', 'Shizu'],
  ['罗森', 'Lawson'],
  ['喜士多', 'C-Store'],
] as const
const HOSTS: ReadonlyArray<{
  kind: string
  w: number
  org: (area: string) => string
  /** Called once per station, at the same point of the random sequence as always (a shop draws its brand). */
  names: () => StationNames
  hours: () => unknown
}> = [
  {
    kind: 'mobile',
    w: 0.22,
    org: () => 'china-mobile-jiangbei',
    names: () => (r) => ({ zh: `中国移动${r.zh}营业厅爱心驿站`, en: `China Mobile ${r.en} Store Caring Station` }),
    hours: () => ({ weekly: everyDay(['08:30', chance(0.5) ? '20:30' : '18:00']) }),
  },
  {
    kind: 'telecom',
    w: 0.18,
    org: () => 'china-telecom-jiangbei',
    names: () => (r) => ({ zh: `中国电信${r.zh}营业厅爱心驿站`, en: `China Telecom ${r.en} Store Caring Station` }),
    hours: () => ({ weekly: everyDay(['09:00', '18:00']) }),
  },
  {
    kind: 'shop',
    w: 0.22,
    org: (a: string) => `${a}-union`,
    names: () => {
      const [zh, en] = pick(SHOP_BRANDS)
      return (r) => ({ zh: `${zh}便利店（${r.zh}店）爱心驿站`, en: `${en} (${r.en}) Caring Station` })
    },
    hours: () => (chance(0.4) ? { weekly: everyDay(['00:00', '24:00']) } : { weekly: everyDay(['07:00', '23:00']) }),
  },
  {
    kind: 'community',
    w: 0.2,
    org: (a: string) => `${a}-union`,
    names: () => (r) => ({ zh: `${r.zh}社区服务中心爱心驿站`, en: `${r.en} Community Centre Caring Station` }),
    hours: () => {
      const workday: Interval[] = [
        ['08:30', '11:30'],
        ['13:30', '17:00'],
      ]
      return {
        weekly: week({ mo: workday, tu: workday, we: workday, th: workday, fr: workday, sa: [['09:00', '12:00']] }),
        exceptions: [NEW_YEAR],
        // Community centres keep the government's calendar: closed on public holidays, open on make-up workdays.
        holidays: 'closed' as const,
      }
    },
  },
  {
    kind: 'sanitation',
    w: 0.12,
    org: (a: string) => `${a}-union`,
    names: () => (r) => ({ zh: `环卫工人爱心驿站（${r.zh}）`, en: `Sanitation Workers' Caring Station (${r.en})` }),
    hours: () => (chance(0.3) ? { weekly: everyDay(['18:00', '30:00']) } : { weekly: everyDay(['05:00', '21:00']) }),
  },
  {
    kind: 'bank',
    w: 0.06,
    org: (a: string) => `${a}-union`,
    names: () => (r) => ({ zh: `建设银行${r.zh}支行劳动者港湾`, en: `CCB ${r.en} Branch Workers' Harbour` }),
    hours: () => {
      const day: Interval[] = [['09:00', '17:00']]
      return { weekly: week({ mo: day, tu: day, we: day, th: day, fr: day }), exceptions: [NEW_YEAR] }
    },
  },
]

/**
 * Sanitation workers' stations are mostly self-service: open long hours, unlocked with a QR code, with someone on
 * duty at shift changes only. (No random draw here, so the rest of the sample stays as it was.)
 */
function withStaffing(kind: string, hours: unknown) {
  if (kind !== 'sanitation' || !hours) return { opening_hours: hours }
  const night = (hours as { weekly: ReturnType<typeof everyDay> }).weekly.mo?.[0]?.[0] === '18:00'
  return {
    opening_hours: hours,
    staffed_hours: {
      weekly: night ? everyDay(['18:00', '20:00']) : everyDay(['06:00', '09:00'], ['16:00', '19:00']),
    },
    access: { method: 'scan_code', note_zh: '扫门口二维码开门', note_en: 'Scan the QR code on the door to open it' },
  }
}

function pickHost() {
  let x = rand()
  for (const host of HOSTS) if ((x -= host.w) < 0) return host
  return HOSTS[0]!
}

const point = (at: readonly [number, number], r: number) => {
  const angle = rand() * 2 * Math.PI
  const dist = Math.sqrt(rand()) * r
  return [round6(at[0] + Math.cos(angle) * dist), round6(at[1] + Math.sin(angle) * dist * 0.85)] as [number, number]
}
const phone = () => `0574-87${String(Math.floor(rand() * 1e6)).padStart(6, '0')}`

function stationAmenities(kind: string): string[] {
  const has: Record<string, number> = {
    rest_seating: 1,
    drinking_water: 0.97,
    first_aid_kit: 0.9,
    wifi: kind === 'sanitation' ? 0.5 : 0.95,
    phone_charging: 0.95,
    smartphone_help: kind === 'mobile' || kind === 'telecom' ? 1 : 0.35,
    meal_heating: kind === 'shop' || kind === 'sanitation' ? 0.85 : 0.5,
    toilet: kind === 'shop' ? 0.25 : 0.6,
    air_conditioning: 0.85,
    ebike_charging: kind === 'sanitation' ? 0.5 : 0.15,
    umbrella_lending: 0.45,
    accessible_entrance: kind === 'community' || kind === 'bank' ? 0.9 : 0.4,
  }
  return Object.entries(has)
    .filter(([, p]) => chance(p))
    .map(([code]) => code)
}

const places: unknown[] = []
const takenNames = new Set<string>()
for (const area of AREAS) {
  for (let i = 1; i <= 14; i++) {
    const host = pickHost()
    const [road, roadEn] = pick(area.roads)
    const no = 1 + Math.floor(rand() * 600)
    const status = chance(0.04) ? 'temporarily_closed' : 'open'
    const named = host.names()
    let names = named({ zh: road, en: roadEn })
    // A second station of the same kind on the same road is told apart by its house number, in both languages.
    if (takenNames.has(names.zh)) names = named({ zh: `${road}${no}号`, en: `${no} ${roadEn}` })
    takenNames.add(names.zh)
    places.push({
      id: `cs-${area.code}-${String(i).padStart(2, '0')}`,
      category: 'caring_station',
      name_zh: names.zh,
      name_en: names.en,
      address_zh: `宁波市江北区${area.zh}${road}${no}号`,
      address_en: `${no} ${roadEn}, ${area.en}, Jiangbei, Ningbo`,
      area_code: area.code,
      location: point(area.at, area.r),
      phone: phone(),
      organisation_id: host.org(area.code),
      description_zh: '为户外劳动者、快递外卖骑手、环卫工人及老人、残疾人、孕妇提供歇脚、饮水、充电、热饭等服务。',
      description_en:
        'A place to rest, drink, charge a phone and heat a meal for outdoor workers, couriers, riders and sanitation workers, and for the elderly, disabled people and pregnant women.',
      amenities: stationAmenities(host.kind),
      ...withStaffing(host.kind, chance(0.04) ? null : host.hours()),
      status,
      ...(status === 'temporarily_closed' ? { status_reason: '内部装修 / Under renovation', status_until: '2027-01-15' } : {}),
      details: { host_kind: host.kind },
    })
  }
}

const workdayClinic: Interval[] = [
  ['08:00', '11:30'],
  ['13:30', '17:00'],
]
for (const area of AREAS) {
  const name = area.code === 'cicheng' ? '慈城镇卫生院' : `${area.zh}社区卫生服务中心`
  const [road, roadEn] = pick(area.roads)
  const no = 1 + Math.floor(rand() * 300)
  places.push({
    id: `cl-${area.code}-chc`,
    category: 'clinic',
    name_zh: name,
    name_en: area.code === 'cicheng' ? 'Cicheng Town Health Centre' : `${area.en} Community Health Service Centre`,
    address_zh: `宁波市江北区${area.zh}${road}${no}号`,
    address_en: `${no} ${roadEn}, ${area.en}, Jiangbei, Ningbo`,
    area_code: area.code,
    location: point(area.at, area.r * 0.5),
    phone: phone(),
    organisation_id: 'jiangbei-health',
    description_zh: '基本医疗、预防保健、慢病管理与家庭医生签约服务。',
    description_en: 'Primary care, prevention, chronic-disease management and family doctors.',
    amenities: ['rest_seating', 'drinking_water', 'toilet', 'accessible_entrance', 'air_conditioning'],
    opening_hours: {
      weekly: week({
        mo: workdayClinic,
        tu: workdayClinic,
        we: workdayClinic,
        th: workdayClinic,
        fr: workdayClinic,
        sa: [['08:00', '11:30']],
      }),
      exceptions: [NEW_YEAR],
    },
    status: 'open',
    details: {
      clinic_type: 'community_health_centre',
      services: [
        'general_practice',
        'vaccination',
        'chronic_disease',
        'family_doctor',
        ...(chance(0.4) ? ['occupational_health_exam'] : []),
      ],
    },
  })
}
const OCC = [
  {
    id: 'cl-occ-cdc',
    zh: '江北区疾病预防控制中心职业健康检查门诊',
    en: 'Jiangbei CDC Occupational Health Examination Clinic',
    area: 'wenjiao',
    exams: ['pre_employment', 'periodic', 'exit'],
    hazards: ['dust', 'noise', 'chemical'],
  },
  {
    id: 'cl-occ-hospital',
    zh: '江北区人民医院职业健康体检中心',
    en: 'Jiangbei People’s Hospital Occupational Health Centre',
    area: 'zhuangqiao',
    exams: ['pre_employment', 'periodic', 'exit', 'emergency'],
    hazards: ['dust', 'noise', 'chemical', 'radiation', 'high_temperature'],
  },
  {
    id: 'cl-occ-cicheng',
    zh: '慈城职业健康体检站',
    en: 'Cicheng Occupational Health Examination Station',
    area: 'cicheng',
    exams: ['pre_employment', 'periodic'],
    hazards: ['dust', 'noise'],
  },
] as const
for (const occ of OCC) {
  const area = AREAS.find((a) => a.code === occ.area)!
  const [road, roadEn] = pick(area.roads)
  places.push({
    id: occ.id,
    category: 'clinic',
    name_zh: occ.zh,
    name_en: occ.en,
    address_zh: `宁波市江北区${area.zh}${road}${20 + Math.floor(rand() * 200)}号`,
    address_en: `${roadEn}, ${area.en}, Jiangbei, Ningbo`,
    area_code: area.code,
    location: point(area.at, area.r * 0.6),
    phone: phone(),
    organisation_id: 'jiangbei-health',
    description_zh: '职业健康检查（上岗前、在岗期间、离岗时），需提前预约。',
    description_en: 'Occupational health examinations (pre-employment, periodic, exit); book ahead.',
    amenities: ['rest_seating', 'drinking_water', 'toilet', 'accessible_entrance'],
    opening_hours: {
      weekly: week({ mo: workdayClinic, tu: workdayClinic, we: workdayClinic, th: workdayClinic, fr: workdayClinic }),
      exceptions: [NEW_YEAR],
    },
    status: 'open',
    details: {
      clinic_type: 'occupational_health',
      services: ['occupational_health_exam'],
      occupational_health: { exam_types: occ.exams, hazards: occ.hazards, appointment_required: true },
    },
  })
}

const APARTMENTS = [
  { id: 'ta-yongjiang', zh: '甬江人才公寓', en: 'Yongjiang Talent Apartments', area: 'yongjiang', units: 320, rent: 1200 },
  { id: 'ta-cicheng', zh: '慈城人才公寓', en: 'Cicheng Talent Apartments', area: 'cicheng', units: 180, rent: 900 },
  {
    id: 'ta-hongtang',
    zh: '洪塘产业人才公寓',
    en: 'Hongtang Industrial Talent Apartments',
    area: 'hongtang',
    units: 260,
    rent: 1000,
  },
  {
    id: 'ta-qianjiang',
    zh: '前江技能人才驿家',
    en: 'Qianjiang Skilled Workers’ Apartments',
    area: 'qianjiang',
    units: 150,
    rent: 800,
  },
  { id: 'ta-zhuangqiao', zh: '庄桥人才公寓', en: 'Zhuangqiao Talent Apartments', area: 'zhuangqiao', units: 200, rent: 950 },
] as const
for (const apt of APARTMENTS) {
  const area = AREAS.find((a) => a.code === apt.area)!
  const [road, roadEn] = pick(area.roads)
  const tel = phone()
  places.push({
    id: apt.id,
    category: 'talent_apartment',
    name_zh: apt.zh,
    name_en: apt.en,
    address_zh: `宁波市江北区${area.zh}${road}${10 + Math.floor(rand() * 300)}号`,
    address_en: `${roadEn}, ${area.en}, Jiangbei, Ningbo`,
    area_code: area.code,
    location: point(area.at, area.r * 0.7),
    phone: tel,
    organisation_id: 'jiangbei-hrss',
    description_zh: '面向在江北就业的高技能人才和新就业大学生的租赁住房。',
    description_en: 'Rental homes for skilled workers and new graduates employed in Jiangbei.',
    amenities: ['wifi', 'accessible_entrance', 'ebike_charging'],
    opening_hours: { weekly: everyDay(['08:30', '17:30']) },
    status: 'open',
    details: {
      units: apt.units,
      rent_from_cny: apt.rent,
      eligibility_zh: '在江北区就业并缴纳社保，持有技能等级证书或大专以上学历，本人及配偶在宁波无自有住房。',
      eligibility_en:
        'Employed in Jiangbei with social insurance, holding a skill certificate or a college degree, with no home of one’s own in Ningbo.',
      application_contact: tel,
    },
  })
}

const TRAINING = [
  {
    id: 'tb-zhigong',
    zh: '江北区智工之家',
    en: 'Jiangbei Smart Workers’ Home',
    area: 'wenjiao',
    org: 'jiangbei-union',
    d_zh: '区域职工技能培训与技能等级认定中心。',
    d_en: 'District centre for worker training and skill-level certification.',
    programmes: [
      ['电工', 'Electrician'],
      ['焊工', 'Welder'],
      ['工业机器人操作', 'Industrial robot operation'],
      ['数控车工', 'CNC turning'],
    ],
    certs: [
      '职业技能等级证书 / Vocational skill level certificate',
      '特种作业操作证（培训）/ Special operations permit (training)',
    ],
  },
  {
    id: 'tb-jiancai',
    zh: '建才之家',
    en: 'Construction Talent Home',
    area: 'zhuangqiao',
    org: 'jiangbei-union',
    d_zh: '位于宁波建筑业服务产业园，面向建筑工人的安全与技能培训。',
    d_en: 'In the Ningbo construction-services industrial park: safety and skills training for construction workers.',
    programmes: [
      ['建筑安全教育', 'Construction safety'],
      ['钢筋工', 'Rebar work'],
      ['架子工', 'Scaffolding'],
      ['装配式建筑施工', 'Prefabricated construction'],
    ],
    certs: ['建筑施工特种作业人员证书 / Construction special-work certificate'],
  },
  {
    id: 'tb-ikd-academy',
    zh: '爱柯迪学院',
    en: 'IKD Academy',
    area: 'hongtang',
    org: 'jiangbei-hrss',
    d_zh: '企业办学院：压铸、机加工与质量管理的新型学徒制培训。',
    d_en: 'Enterprise academy: apprenticeships in die casting, machining and quality management.',
    programmes: [
      ['压铸工', 'Die casting'],
      ['机加工', 'Machining'],
      ['质量检验', 'Quality inspection'],
    ],
    certs: ['企业技能等级认定 / Enterprise skill-level certification'],
  },
] as const
for (const tb of TRAINING) {
  const area = AREAS.find((a) => a.code === tb.area)!
  const [road, roadEn] = pick(area.roads)
  const day: Interval[] = [['08:30', '17:00']]
  places.push({
    id: tb.id,
    category: 'training_base',
    name_zh: tb.zh,
    name_en: tb.en,
    address_zh: `宁波市江北区${area.zh}${road}${10 + Math.floor(rand() * 300)}号`,
    address_en: `${roadEn}, ${area.en}, Jiangbei, Ningbo`,
    area_code: area.code,
    location: point(area.at, area.r * 0.6),
    phone: phone(),
    organisation_id: tb.org,
    description_zh: tb.d_zh,
    description_en: tb.d_en,
    amenities: ['rest_seating', 'drinking_water', 'wifi', 'toilet', 'air_conditioning', 'accessible_entrance'],
    opening_hours: { weekly: week({ mo: day, tu: day, we: day, th: day, fr: day }), exceptions: [NEW_YEAR] },
    status: 'open',
    details: { programmes: tb.programmes.map(([zh, en]) => ({ name_zh: zh, name_en: en })), certifications: [...tb.certs] },
  })
}
// One station closed for good, so the closed state is there to see.
;(places[5] as { status: string; status_reason: string }).status = 'closed'
;(places[5] as { status: string; status_reason: string }).status_reason = '已撤站 / Station withdrawn'

const sample = {
  notice: SOURCE,
  areas: AREAS.map((a) => ({ code: a.code, name_zh: a.zh, name_en: a.en })),
  organisations: ORGANISATIONS,
  places: places.map((p) => ({ ...(p as object), source: SOURCE })),
}
writeFileSync(new URL('../sql/seed/jiangbei-sample.json', import.meta.url), JSON.stringify(sample, null, 1) + '\n')
console.log(`wrote ${sample.places.length} places`)
