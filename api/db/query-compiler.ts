import { PGliteDialect, PostgresDialect, PostgresQueryCompiler, type QueryCompiler, type SelectionNode } from 'kysely'

/** The SQL of each selection compiled so far that holds no parameter. Nodes are immutable, so their SQL is too. */
const selectionSql = new WeakMap<SelectionNode, string>()

/**
 * PostgreSQL's compiler, remembering the SQL of parameter-free selections by node. The place columns are one shared
 * builder per database (api/queries/places.ts), so the same ~20 selection nodes come back on every search, and
 * compiling them afresh was about half of compiling the statement. A selection with a parameter is compiled each
 * time, as its placeholder number depends on where it lands.
 */
class SelectionCachingCompiler extends PostgresQueryCompiler {
  protected override visitSelection(node: SelectionNode): void {
    const known = selectionSql.get(node)
    if (known !== undefined) {
      this.append(known)
      return
    }
    const start = this.getSql().length
    const parameters = this.numParameters
    super.visitSelection(node)
    if (this.numParameters === parameters) selectionSql.set(node, this.getSql().slice(start))
  }
}

/** Kysely's PostgreSQL dialect with the caching compiler. */
export class PostgresDialectWithCache extends PostgresDialect {
  override createQueryCompiler(): QueryCompiler {
    return new SelectionCachingCompiler()
  }
}

/** Kysely's PGlite dialect with the caching compiler (the same SQL as on PostgreSQL). */
export class PGliteDialectWithCache extends PGliteDialect {
  override createQueryCompiler(): QueryCompiler {
    return new SelectionCachingCompiler()
  }
}
