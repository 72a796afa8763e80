package dev.blocksmith.engine.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rows and typed columns, like a spreadsheet, with a role per column (feature, label, group, id).
 * Immutable; its {@link #summary()} is computed once on first use.
 */
public final class Table implements Dataset {
  private final List<Column> columns;
  private final Map<String, ColumnRole> roles;
  private final Map<String, Column> byName;
  private final int rows;
  private final Recipe recipe;
  private volatile TableSummary summary;

  private Table(List<Column> columns, Map<String, ColumnRole> roles) {
    this(columns, roles, Recipe.DEFAULT);
  }

  private Table(List<Column> columns, Map<String, ColumnRole> roles, Recipe recipe) {
    this.recipe = recipe;
    this.columns = List.copyOf(columns);
    Map<String, ColumnRole> r = new LinkedHashMap<>();
    Map<String, Column> index = new HashMap<>();
    int n = this.columns.isEmpty() ? 0 : this.columns.get(0).size();
    for (Column c : this.columns) {
      if (c.size() != n) {
        throw new IllegalArgumentException(
            "column " + c.name() + " has " + c.size() + " rows but the table has " + n);
      }
      if (r.put(c.name(), roles.getOrDefault(c.name(), ColumnRole.FEATURE)) != null) {
        throw new IllegalArgumentException("two columns are named " + c.name());
      }
      index.put(c.name(), c);
    }
    this.roles = Collections.unmodifiableMap(r);
    this.byName = index;
    this.rows = n;
  }

  /** Returns a table of the given columns, all features. */
  public static Table of(List<Column> columns) {
    return new Table(columns, Map.of());
  }

  /** Returns a table of the given columns and roles (columns not named are features). */
  public static Table of(List<Column> columns, Map<String, ColumnRole> roles) {
    return new Table(columns, roles);
  }

  /** Returns the columns in order. */
  public List<Column> columns() {
    return columns;
  }

  /** Returns the column names in order. */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  /** Returns the number of rows. */
  public int rowCount() {
    return rows;
  }

  /** Returns the column with this name, if any. */
  public Optional<Column> column(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Returns the role of a column. */
  public ColumnRole role(String column) {
    return roles.getOrDefault(column, ColumnRole.FEATURE);
  }

  /** Returns the roles by column name. */
  public Map<String, ColumnRole> roles() {
    return roles;
  }

  /** Returns the label (target) column, if one is marked. */
  public Optional<Column> labelColumn() {
    return columns.stream().filter(c -> roles.get(c.name()) == ColumnRole.LABEL).findFirst();
  }

  /** Returns the columns a model learns from. */
  public List<Column> featureColumns() {
    return columns.stream().filter(c -> roles.get(c.name()) == ColumnRole.FEATURE).toList();
  }

  /** Returns a copy with a column's role changed (marking a label unmarks any other label). */
  public Table withRole(String column, ColumnRole role) {
    if (column(column).isEmpty()) {
      throw new IllegalArgumentException("no column named " + column);
    }
    Map<String, ColumnRole> r = new LinkedHashMap<>(roles);
    if (role == ColumnRole.LABEL) {
      r.replaceAll((k, v) -> v == ColumnRole.LABEL ? ColumnRole.FEATURE : v);
    }
    r.put(column, role);
    return new Table(columns, r, recipe);
  }

  /** Returns how columns are to be turned into numbers (fitted later, on training rows only). */
  public Recipe recipe() {
    return recipe;
  }

  /** Returns a copy with another recipe. */
  public Table withRecipe(Recipe newRecipe) {
    return new Table(columns, roles, newRecipe);
  }

  /** Returns a copy with a column added, or replaced when one has the same name. */
  public Table withColumn(Column column) {
    List<Column> cs = new ArrayList<>(columns);
    int i = columnNames().indexOf(column.name());
    if (i >= 0) {
      cs.set(i, column);
    } else {
      cs.add(column);
    }
    return new Table(cs, roles, recipe);
  }

  /** Returns a copy without the named columns. */
  public Table withoutColumns(List<String> names) {
    return new Table(
        columns.stream().filter(c -> !names.contains(c.name())).toList(), roles, recipe);
  }

  /** Returns a table holding only the given rows, in that order. */
  public Table select(int[] rowIndexes) {
    return new Table(columns.stream().map(c -> c.select(rowIndexes)).toList(), roles, recipe);
  }

  /** Returns the small summary used by previews, computed once. */
  public TableSummary summary() {
    TableSummary s = summary;
    if (s == null) {
      s = TableSummary.of(this);
      summary = s;
    }
    return s;
  }

  @Override
  public int size() {
    return rows;
  }

  @Override
  public Table subset(int[] rowIndexes) {
    return select(rowIndexes);
  }

  @Override
  public String stratumOf(int row) {
    return labelColumn().map(c -> c.isMissing(row) ? null : c.format(row)).orElse(null);
  }

  @Override
  public String groupOf(int row) {
    return columns.stream()
        .filter(c -> roles.get(c.name()) == ColumnRole.ID)
        .findFirst()
        .map(c -> c.isMissing(row) ? null : c.format(row))
        .orElse(null);
  }

  @Override
  public String kind() {
    return "table";
  }

  @Override
  public String headline() {
    return String.format("%,d rows × %d columns", rows, columns.size());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Table t
        && t.columns.equals(columns)
        && t.roles.equals(roles)
        && t.recipe.equals(recipe);
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }
}
