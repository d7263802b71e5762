import { Hono } from 'hono'
import type { AppEnv } from '../context.js'
import { AMENITIES } from '../domain/amenities.js'
import { CATEGORIES } from '../domain/categories.js'
import { countPlacesByAmenity, countPlacesByCategory, listAreas } from '../queries/catalogue.js'

export const catalogueRoutes = new Hono<AppEnv>()

catalogueRoutes.get('/categories', async (c) => {
  const counts = await countPlacesByCategory(c.get('db'))
  return c.json({
    categories: CATEGORIES.map((k) => ({ code: k.code, label_zh: k.zh, label_en: k.en, count: counts.get(k.code) ?? 0 })),
  })
})

catalogueRoutes.get('/amenities', async (c) => {
  const counts = await countPlacesByAmenity(c.get('db'))
  return c.json({
    amenities: AMENITIES.map((a) => ({ code: a.code, label_zh: a.zh, label_en: a.en, count: counts.get(a.code) ?? 0 })),
  })
})

catalogueRoutes.get('/areas', async (c) => c.json({ areas: await listAreas(c.get('db')) }))
