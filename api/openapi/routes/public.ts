import { z } from 'zod'
import { AmenityList, AreaList, CategoryList, Health } from '../../schemas/catalogue.js'
import { PlaceCollection, PlaceDetailFeature } from '../../schemas/place-feature.js'
import { PlaceId } from '../../schemas/place-record.js'
import { PlacesQuery } from '../../schemas/places-query.js'
import { defineRoutes, json, problem } from '../registry.js'

/** The public read API (api/routes/places.ts, catalogue.ts, health.ts). */
export const publicRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/v1/places',
    operationId: 'listPlaces',
    summary: 'Find places',
    description:
      'Nearest first when `lat`/`lng` are given (optionally within `radius` metres), else by id. Filters combine with AND; ' +
      '`category` and `amenity` take comma lists. Page with `cursor` = the previous `next_cursor`.',
    tags: ['places'],
    query: PlacesQuery,
    headers: { 'If-None-Match': { description: 'ETag of a cached copy (a hash of the body); 304 when unchanged' } },
    responses: {
      200: json('A page of places', PlaceCollection),
      304: { description: 'Not modified since the given ETag' },
      307: {
        description:
          '`lat`/`lng` finer than the 0.002° grid, or a `bbox` off it: the same search on the grid (not stored by any cache)',
        headers: {
          Location: {
            description: 'The search with the position snapped to the grid (bbox grown outwards)',
            schema: { type: 'string' },
          },
        },
      },
      400: problem('Invalid query'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/places/:id',
    operationId: 'getPlace',
    summary: 'One place with hours, organisation and details',
    tags: ['places'],
    params: z.object({ id: PlaceId }),
    headers: { 'If-None-Match': { description: 'ETag of a cached copy; 304 when unchanged' } },
    responses: {
      200: {
        ...json('The place', PlaceDetailFeature),
        headers: {
          ETag: {
            description:
              '"<id>.v<version>.<yyyymmdd><o|c|u>[s|f][l][n<count>t<newest>]" (open, staffed/self-service, likely closed, confirmations)',
            schema: { type: 'string' },
          },
        },
      },
      304: { description: 'Not modified since the given ETag' },
      404: problem('No such place'),
    },
  },
  {
    method: 'get',
    path: '/api/v1/categories',
    operationId: 'listCategories',
    summary: 'Categories with labels and counts',
    tags: ['catalogue'],
    responses: { 200: json('Categories in display order', CategoryList) },
  },
  {
    method: 'get',
    path: '/api/v1/amenities',
    operationId: 'listAmenities',
    summary: 'Amenities with labels and counts',
    tags: ['catalogue'],
    responses: { 200: json('Amenities in display order', AmenityList) },
  },
  {
    method: 'get',
    path: '/api/v1/areas',
    operationId: 'listAreas',
    summary: 'Subdistricts and towns (街道/镇)',
    tags: ['catalogue'],
    responses: { 200: json('Areas by code', AreaList) },
  },
  {
    method: 'get',
    path: '/healthz',
    operationId: 'health',
    summary: 'Liveness and database check',
    tags: ['operations'],
    responses: { 200: json('Up', Health), 503: problem('The database is not answering') },
  },
])
