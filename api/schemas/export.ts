import { z } from 'zod'

/** The export takes no parameters (a typo such as `?categroy=` is an error, not silently ignored). */
export const ExportQuery = z.strictObject({})
