import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { AMENITIES } from '../domain/amenities.js'
import { CATEGORIES } from '../domain/categories.js'
import { countPlacesByAmenity, countPlacesByCategory, listAreas } from '../queries/catalogue.js'
import { json, route } from '../openapi/describe.js'
import { AmenityList, AreaList, CategoryList } from '../schemas/catalogue.js'

export const catalogueRoutes = new Hono<AppEnv>()

catalogueRoutes.get(
  '/categories',
  route({
    operationId: 'listCategories',
    summary: 'Categories with labels and counts',
    tags: ['catalogue'],
    responses: { 200: json('Categories in display order', CategoryList) },
  }),
  async (c) => {
    const counts = await countPlacesByCategory(c.get('db'))
    return c.json({
      categories: CATEGORIES.map((k) => ({ code: k.code, label_zh: k.zh, label_en: k.en, count: counts.get(k.code) ?? 0 })),
    })
  },
)

catalogueRoutes.get(
  '/amenities',
  route({
    operationId: 'listAmenities',
    summary: 'Amenities with labels and counts',
    tags: ['catalogue'],
    responses: { 200: json('Amenities in display order', AmenityList) },
  }),
  async (c) => {
    const counts = await countPlacesByAmenity(c.get('db'))
    return c.json({
      amenities: AMENITIES.map((a) => ({ code: a.code, label_zh: a.zh, label_en: a.en, count: counts.get(a.code) ?? 0 })),
    })
  },
)

catalogueRoutes.get(
  '/areas',
  route({
    operationId: 'listAreas',
    summary: 'Subdistricts and towns (街道/镇)',
    tags: ['catalogue'],
    responses: { 200: json('Areas by code', AreaList) },
  }),
  async (c) => c.json({ areas: await listAreas(c.get('db')) }),
)
